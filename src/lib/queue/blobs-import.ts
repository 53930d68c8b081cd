import type { SqlClient } from '../db/sql-client.ts';
import { leadFingerprint } from './lead-fingerprint.ts';
import type { DeadLetter, DeliveryAttempt } from './lead-queue.ts';
import { importSql } from './lead-sql.ts';

/**
 * The one-off upgrade from the Blobs queue (Floodgate ≤ 0.1): reads its key layout
 * (`<queue>/lead/<sha256>` records, `<queue>/dead/<sha256>-<ms>` letters) and inserts every lead
 * still worth keeping. Idempotent: a lead already in the database (same key) is left alone.
 */
export interface BlobsReader {
  keys(prefix: string): Promise<string[]>;
  json(key: string): Promise<unknown>;
}

/** The fields of an old Blobs lead record this import reads. */
interface BlobsLeadRecord {
  id: string;
  idempotencyKey: string;
  receivedAt: number;
  payload: Record<string, unknown>;
  state: 'queued' | 'done' | 'dead';
  dueAt: number;
  attempts: DeliveryAttempt[];
  settledAt?: number;
}

export interface BlobsImportCounts {
  queued: number;
  delivered: number;
  dead: number;
  spam: number;
  /** Already in the database (an earlier run, or the same key): left as they are. */
  skipped: number;
}

/**
 * Move the Blobs queue's leads, dead letters and spam into `db`; returns what moved. `onProgress`
 * hears the counts after every lead (one read and one insert each, so a big queue takes minutes).
 */
export async function importBlobsQueue(
  reader: BlobsReader,
  db: SqlClient,
  onProgress: (counts: Readonly<BlobsImportCounts>) => void = () => {},
): Promise<BlobsImportCounts> {
  const counts: BlobsImportCounts = { queued: 0, delivered: 0, dead: 0, spam: 0, skipped: 0 };
  const insert = async (row: unknown[], kind: Exclude<keyof BlobsImportCounts, 'skipped'>) => {
    const { rows } = await db.query(importSql, row);
    counts[rows.length > 0 ? kind : 'skipped'] += 1;
    onProgress(counts);
  };
  // Dead letters first: their blobs hold the payload that the closed lead record no longer has.
  for (const key of await reader.keys('leads/dead/')) {
    const letter = (await reader.json(key)) as DeadLetter | null;
    if (!letter) continue;
    const row = rowOf({ ...letter, state: 'dead', dueAt: 0, settledAt: letter.deadAt }, 'dead');
    row[9] = letter.reason;
    await insert(row, 'dead');
  }
  for (const [queue, kind] of [
    ['leads', 'lead'],
    ['spam', 'spam'],
  ] as const) {
    for (const key of await reader.keys(`${queue}/lead/`)) {
      const record = (await reader.json(key)) as BlobsLeadRecord | null;
      if (!record || record.state === 'dead') continue;
      if (kind === 'spam') await insert(rowOf(record, 'spam'), 'spam');
      else if (record.state === 'done') await insert(rowOf(record, 'done'), 'delivered');
      else await insert(rowOf(record, 'queued'), 'queued');
    }
  }
  return counts;
}

function rowOf(record: BlobsLeadRecord, state: 'queued' | 'done' | 'dead' | 'spam'): unknown[] {
  const fields = record.payload.fields;
  const formId = typeof record.payload.formId === 'string' ? record.payload.formId : '';
  const fingerprint = leadFingerprint(
    formId,
    fields && typeof fields === 'object' ? (fields as Record<string, unknown>) : {},
  );
  const reason = record.payload.spamReason;
  const spam =
    state === 'spam' ? { score: 1, signals: [typeof reason === 'string' ? reason : 'unknown'] } : null;
  const settled = state === 'queued' ? null : new Date(record.settledAt ?? record.receivedAt);
  return [
    record.id,
    record.idempotencyKey,
    fingerprint,
    state,
    new Date(record.receivedAt),
    state === 'queued' ? new Date(record.dueAt) : null,
    state === 'done' ? null : JSON.stringify(record.payload),
    JSON.stringify(record.attempts ?? []),
    spam ? JSON.stringify(spam) : null,
    null,
    settled,
  ];
}
