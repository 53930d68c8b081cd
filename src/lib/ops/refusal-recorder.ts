import type { SqlClient } from '../db/sql-client.ts';
import { REFUSAL_HEADER } from '../leads/lead-responses.ts';
import { MINUTE_MS } from './minute-series.ts';
import { addRefusalsSql } from './ops-sql.ts';

/** Counts refusals in memory and writes them in one statement every `flushEveryMs`. */
export interface RefusalRecorder {
  /** Count one refused request by its status (`400`, `409`, `413`, `429`, `503`…). */
  record(reason: string): void;
  /** Write what is counted (one upsert); on failure the counts stay for the next flush. */
  flush(): Promise<void>;
}

// A bound on distinct (minute, reason) keys held while the database is away (503s pile up then).
const maxKeys = 1_000;

/**
 * Refusals never touch `leads`, and a refused request must not cost a database write of its own
 * (a flood of 400s or 503s would otherwise add load exactly when the store is struggling). They are
 * counted per minute and reason here and flushed by one `unnest` upsert, started by the first
 * refusal after `flushEveryMs` (no timer: a function instance may be frozen between requests).
 * Counts of an instance that stops before its next flush are lost; the figures are a monitor's, not
 * an audit's.
 */
export function createRefusalRecorder(options: {
  db: SqlClient;
  now: () => number;
  flushEveryMs?: number;
  onError?: (error: unknown) => void;
}): RefusalRecorder {
  const { db, now, flushEveryMs = 10_000, onError = () => {} } = options;
  let counts = new Map<string, number>();
  let lastFlush = now();
  let flushing: Promise<void> | undefined;
  const flush = async () => {
    if (counts.size === 0) return;
    const batch = counts;
    counts = new Map();
    lastFlush = now();
    const keys = [...batch.keys()].map((key) => key.split('|'));
    try {
      await db.query(addRefusalsSql, [
        keys.map(([minute]) => new Date(Number(minute))),
        keys.map(([, reason]) => reason),
        [...batch.values()],
      ]);
    } catch (error) {
      for (const [key, count] of batch)
        if (counts.size < maxKeys) counts.set(key, (counts.get(key) ?? 0) + count);
      onError(error);
    }
  };
  return {
    record(reason) {
      const time = now();
      const key = `${Math.floor(time / MINUTE_MS) * MINUTE_MS}|${reason}`;
      if (counts.has(key) || counts.size < maxKeys) counts.set(key, (counts.get(key) ?? 0) + 1);
      if (!flushing && time - lastFlush >= flushEveryMs)
        flushing = flush().finally(() => (flushing = undefined));
    },
    flush: async () => {
      await flushing;
      await flush();
    },
  };
}

/**
 * The reason a refusal is counted under: its status, and for a 400 (which has several causes) the
 * machine code the lead function put in `X-Floodgate-Refusal`, e.g. `400 invalid_lead`. Other
 * statuses stay bare, as the rules read them (`503`).
 */
export function refusalReason(response: Response): string {
  const code = response.headers.get(REFUSAL_HEADER) ?? '';
  return response.status === 400 && /^[a-z_]{1,40}$/.test(code) ? `400 ${code}` : String(response.status);
}

/** Wrap a lead handler so each refusal it answers (4xx, 5xx) is counted by status and, for a 400, its code. */
export const countingRefusals =
  <Args extends unknown[]>(handler: (...args: Args) => Promise<Response>, recorder: RefusalRecorder) =>
  async (...args: Args): Promise<Response> => {
    const response = await handler(...args);
    if (response.status >= 400) recorder.record(refusalReason(response));
    return response;
  };
