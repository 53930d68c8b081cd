import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobsReaderFor } from '../../scripts/lib/blobs.ts';
import { importBlobsQueue } from '../../src/lib/queue/blobs-import.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { blobsStore, startBlobsServer, type RunningBlobsServer } from '../fixtures/blobs-server.ts';
import { inProcessDatabase, type TestDatabase } from '../fixtures/databases.ts';

/** The old Blobs queue's layout, written by hand as a site upgrading from it would have it. */
const sha = (key: string) => createHash('sha256').update(key).digest('hex');
const t0 = 1_764_000_000_000;
const payload = (email: string) => ({ formId: 'demo-request', fields: { email }, locale: 'en-US' });
const record = (key: string, state: string, extra: Record<string, unknown> = {}) => ({
  id: `${t0.toString(36)}-${sha(key).slice(0, 20)}`,
  idempotencyKey: key,
  receivedAt: t0,
  payload: state === 'queued' ? payload(`${key}@example.com`) : {},
  state,
  dueAt: t0,
  attempts: [],
  writer: 'w',
  ...extra,
});

let blobs: RunningBlobsServer;
let db: TestDatabase;
beforeAll(async () => {
  [blobs, db] = await Promise.all([startBlobsServer(), inProcessDatabase()]);
  const store = blobsStore(blobs, 'floodgate-leads');
  await store.setJSON(`leads/lead/${sha('waiting')}`, record('waiting', 'queued'));
  await store.setJSON(
    `leads/lead/${sha('retrying')}`,
    record('retrying', 'queued', { dueAt: t0 + 60_000, attempts: [{ at: t0, status: 503 }] }),
  );
  await store.setJSON(`leads/lead/${sha('sent')}`, record('sent', 'done', { settledAt: t0 + 5 }));
  await store.setJSON(`leads/lead/${sha('gave-up')}`, record('gave-up', 'dead', { settledAt: t0 + 9 }));
  const letter = {
    ...record('gave-up', 'dead'),
    payload: payload('gave-up@example.com'),
    attempts: [{ at: t0, status: 422, error: 'bad' }],
    reason: 'CRM rejected the lead',
    deadAt: t0 + 9,
  };
  await store.setJSON(`leads/dead/${sha('gave-up')}-${String(t0 + 9).padStart(15, '0')}`, letter);
  await store.setJSON(`spam/lead/${sha('bot')}`, {
    ...record('bot', 'queued'),
    payload: { ...payload('bot@example.com'), spamReason: 'honeypot' },
  });
});
afterAll(async () => {
  await Promise.all([blobs.stop(), db.close()]);
});

describe('npm run leads:migrate-from-blobs (importBlobsQueue)', () => {
  it('moves queued leads, dead letters with their attempts, spam and delivered keys, and is idempotent', async () => {
    const reader = blobsReaderFor(blobsStore(blobs, 'floodgate-leads'));
    expect(await importBlobsQueue(reader, db)).toEqual({
      queued: 2,
      delivered: 1,
      dead: 1,
      spam: 1,
      skipped: 0,
    });
    expect(await importBlobsQueue(reader, db)).toEqual({
      queued: 0,
      delivered: 0,
      dead: 0,
      spam: 0,
      skipped: 5,
    });

    const queue = createPostgresLeadQueue({ db, now: () => t0 + 1, random: Math.random });
    expect(await queue.status(t0 + 1)).toMatchObject({
      depth: 2,
      waiting: 1,
      retrying: 1,
      deadLetters: 1,
      spam: 1,
    });
    const [dead] = await queue.deadLetters();
    expect(dead).toMatchObject({
      reason: 'CRM rejected the lead',
      attempts: [{ status: 422 }],
      payload: { fields: { email: 'gave-up@example.com' } },
    });
    expect((await queue.spamLeads())[0]).toMatchObject({
      idempotencyKey: 'bot',
      spam: { signals: ['honeypot'] },
    });
    // A delivered lead's key is still recognised: a late retry of it makes no second lead.
    const retry = { idempotencyKey: 'sent', fingerprint: 'x', receivedAt: t0 + 2, payload: {} };
    expect((await queue.enqueue(retry)).outcome).not.toBe('created');
    const [claimed] = await queue.claim(10, 30_000);
    expect(claimed).toMatchObject({
      idempotencyKey: 'waiting',
      payload: { fields: { email: 'waiting@example.com' } },
    });
  });
});
