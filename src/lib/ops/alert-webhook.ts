import { signCrmRequest, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../crm/crm-signature.ts';
import { isRetryableOutcome } from '../http/retry-policy.ts';

/** Where and how alerts are sent; every dependency is passed in so tests use a loopback server and a fake clock. */
export interface AlertWebhook {
  url: string;
  secret: string;
  fetch: typeof globalThis.fetch;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Tries per message (default 3), 1 s then 2 s apart. */
  attempts?: number;
  timeoutMs?: number;
}

/**
 * POST one alert, signed as the CRM calls are (docs/crm-webhook.md): `X-Floodgate-Timestamp` and
 * `X-Floodgate-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`, so a receiver verifies it
 * with `verifyCrmSignature`. Retried on the project's retry policy; answers the last error, or
 * undefined once delivered.
 */
export async function sendAlert(hook: AlertWebhook, message: unknown): Promise<string | undefined> {
  const body = JSON.stringify(message);
  const attempts = hook.attempts ?? 3;
  let error = 'not sent';
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    // Signed per try: a receiver rejects old timestamps, and a retry may come much later.
    const timestamp = String(Math.floor(hook.now() / 1000));
    let status: number | 'network-error' | 'timeout';
    try {
      const answer = await hook.fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signCrmRequest(hook.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(hook.timeoutMs ?? 5_000),
      });
      await answer.body?.cancel();
      if (answer.ok) return undefined;
      status = answer.status;
      error = `HTTP ${answer.status}`;
    } catch (failure) {
      const timedOut = failure instanceof Error && failure.name === 'TimeoutError';
      status = timedOut ? 'timeout' : 'network-error';
      error = timedOut ? 'timed out' : 'network error';
    }
    if (!isRetryableOutcome(status) || attempt === attempts) break;
    await hook.sleep(1_000 * 2 ** (attempt - 1));
  }
  return error;
}
