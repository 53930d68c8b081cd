import { randomUUID } from 'node:crypto';
import {
  IDEMPOTENCY_KEY_HEADER,
  SIGNATURE_HEADER,
  signCrmRequest,
  TIMESTAMP_HEADER,
} from '../crm/crm-signature.ts';
import type { SqlClient } from '../db/sql-client.ts';
import type { DeliveryLog } from '../delivery/delivery-log.ts';
import { EVENT_HEADER, type LeadErasedEvent } from '../../schemas/privacy-events.ts';
import { claimEventsSql, eventFailedSql, eventSentSql } from './event-sql.ts';

/** Where and how `lead.erased` events go: the CRM webhook and its secret, as leads do. */
export interface ErasureEventDeps {
  db: SqlClient;
  url: string;
  secret: string;
  timeoutMs: number;
  fetch?: typeof globalThis.fetch;
  now: () => number;
  log: DeliveryLog;
}

interface EventRow {
  id: string;
  email: string | null;
  lead_ids: string[];
  created_at: Date;
  attempts: number;
}

const maxBackoffMs = 3_600_000;
/** 30 s, doubling per attempt, at most an hour: a CRM that is down for days still hears it. */
export const eventRetryMs = (attempts: number) =>
  Math.min(maxBackoffMs, 30_000 * 2 ** Math.max(0, attempts - 1));

/**
 * Send the due `lead.erased` events (at most `limit`), signed as leads are (docs/crm-webhook.md),
 * each once per lease; a 2xx clears the address, anything else is retried later. Log lines carry
 * ids and statuses only.
 */
export async function sendErasureEvents(
  deps: ErasureEventDeps,
  limit = 20,
): Promise<{ sent: number; failed: number }> {
  const time = deps.now();
  const lease = randomUUID();
  const leaseEnd = new Date(time + 2 * deps.timeoutMs + 5_000);
  const { rows } = await deps.db.query<EventRow>(claimEventsSql, [new Date(time), leaseEnd, lease, limit]);
  let sent = 0;
  for (const row of rows) {
    const status = await post(deps, row);
    if (status === 'ok') {
      await deps.db.query(eventSentSql, [row.id, lease, new Date(deps.now())]);
      sent += 1;
    } else {
      await deps.db.query(eventFailedSql, [
        row.id,
        lease,
        new Date(deps.now() + eventRetryMs(row.attempts)),
        status,
      ]);
    }
    deps.log({ event: 'privacy.crm-event', id: row.id, attempt: row.attempts, outcome: status });
  }
  return { sent, failed: rows.length - sent };
}

async function post(deps: ErasureEventDeps, row: EventRow): Promise<string> {
  if (!row.email) return 'no address';
  const event: LeadErasedEvent = {
    event: 'lead.erased',
    id: row.id,
    erasedAt: row.created_at.toISOString(),
    email: row.email,
    leadIds: row.lead_ids,
  };
  const body = JSON.stringify(event);
  const timestamp = String(Math.floor(deps.now() / 1000));
  try {
    const response = await (deps.fetch ?? globalThis.fetch)(deps.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'floodgate-delivery/1',
        [EVENT_HEADER]: event.event,
        [IDEMPOTENCY_KEY_HEADER]: row.id,
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signCrmRequest(deps.secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(deps.timeoutMs),
      redirect: 'manual',
    });
    await response.body?.cancel();
    return response.ok ? 'ok' : `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error ? error.name : 'error';
  }
}
