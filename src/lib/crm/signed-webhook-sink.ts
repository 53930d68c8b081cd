import type { CrmWebhookBody } from '../../schemas/delivery-crm-webhook.ts';
import {
  ATTEMPT_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  SIGNATURE_HEADER,
  signCrmRequest,
  TIMESTAMP_HEADER,
} from './crm-signature.ts';
import type { CrmDelivery, CrmOutcome, CrmSink } from './crm-sink.ts';
import { networkErrorDetail, readSnippet } from './http-detail.ts';
import { parseRetryAfter } from './retry-after.ts';
import { consentRecordOf } from './consent-record.ts';

/** Where and how to sign; `fetch` and `now` are passed in so tests can reach a local server. */
export interface SignedWebhookSinkOptions {
  url: string;
  secret: string;
  /** Per call, covering the answer's body too: a CRM that hangs counts as a failure, never blocks. */
  timeoutMs: number;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
}

/**
 * POST each lead as JSON to one URL, signed with HMAC-SHA256 and carrying the lead id as
 * `Idempotency-Key`. Works with anything that takes a webhook: Zapier, Make, n8n, a team's own app.
 */
export function createSignedWebhookSink(options: SignedWebhookSinkOptions): CrmSink {
  const { url, secret, timeoutMs } = options;
  const fetchFn = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  return {
    async deliver(lead: CrmDelivery): Promise<CrmOutcome> {
      const body = JSON.stringify(webhookBody(lead));
      const timestamp = String(Math.floor(now() / 1000));
      const timeout = AbortSignal.timeout(timeoutMs);
      try {
        const response = await fetchFn(url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'User-Agent': 'floodgate-delivery/1',
            [IDEMPOTENCY_KEY_HEADER]: lead.id,
            [TIMESTAMP_HEADER]: timestamp,
            [SIGNATURE_HEADER]: signCrmRequest(secret, timestamp, body),
            [ATTEMPT_HEADER]: String(lead.attempt),
          },
          body,
          signal: timeout,
          // A redirect would re-send the lead somewhere CRM_WEBHOOK_URL does not name: report it instead.
          redirect: 'manual',
        });
        const snippet = await readSnippet(response);
        if (response.ok) return { ok: true, status: response.status };
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
        const where =
          response.status >= 300 && response.status < 400
            ? ' (redirect: set CRM_WEBHOOK_URL to the final address)'
            : '';
        return {
          ok: false,
          status: response.status,
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
          detail: `HTTP ${response.status}${where}${snippet ? `: ${snippet}` : ''}`,
        };
      } catch (error) {
        if (timeout.aborted)
          return { ok: false, status: 'timeout', detail: `no answer within ${timeoutMs} ms` };
        return { ok: false, status: 'network-error', detail: networkErrorDetail(error) };
      }
    },
  };
}

function webhookBody(lead: CrmDelivery): CrmWebhookBody {
  return {
    id: lead.id,
    receivedAt: new Date(lead.receivedAt).toISOString(),
    lead: lead.payload,
    consent: consentRecordOf(lead),
  };
}
