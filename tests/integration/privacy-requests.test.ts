import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDevCrm, type DevCrm } from '../../scripts/dev-crm/dev-crm.ts';
import type { DeliveryLogLine } from '../../src/lib/delivery/delivery-log.ts';
import { moveOutbox } from '../../src/lib/outbox/move-outbox.ts';
import { blobsOutbox, type LeadOutbox } from '../../src/lib/outbox/outbox-store.ts';
import { eraseSubject } from '../../src/lib/privacy/erase-subject.ts';
import { exportSubject, type SubjectDeps } from '../../src/lib/privacy/export-subject.ts';
import { outboxErasureScreen } from '../../src/lib/privacy/outbox-screen.ts';
import { leadKeyFor } from '../../src/lib/queue/lead-id.ts';
import type { LeadQueue, QueuedLead } from '../../src/lib/queue/lead-queue.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { privacyHashSecret } from '../../src/schemas/privacy-env.ts';
import { blobsStore, startBlobsServer, type RunningBlobsServer } from '../fixtures/blobs-server.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { crmSecret, fastDeliveryEnv, resetDelivery, testWorker } from '../fixtures/delivery-harness.ts';

/**
 * Issue 23's data-subject requests on real PostgreSQL, Netlify's Blobs server as the outbox and
 * the dev CRM on loopback: one address held as a queued lead, spam, a dead letter and an outbox
 * copy; export lists them all, erase leaves none, and nothing submitted before the erasure is
 * delivered afterwards (redrive, a retry with the old key, an outbox copy), while a new sign-up is.
 */
const env = fastDeliveryEnv({ PRIVACY_HASH_SECRET: 'privacy-integration-secret-0123456789abcdef' });
const secret = privacyHashSecret(env);
let db: TestDatabase;
let blobs: RunningBlobsServer;
let outbox: LeadOutbox;
let crm: DevCrm;
let queue: LeadQueue;

beforeAll(async () => {
  [db, blobs] = await Promise.all([realPostgresDatabase(), startBlobsServer()]);
  outbox = blobsOutbox(() => blobsStore(blobs, 'lead-outbox'));
  crm = await startDevCrm({ secret: crmSecret });
  queue = createPostgresLeadQueue({ db, now: Date.now, random: Math.random });
}, 60_000);
afterAll(async () => {
  await crm.close();
  await Promise.all([db.close(), blobs.stop()]);
});
beforeEach(async () => {
  await resetDelivery(db);
  await db.query('TRUNCATE privacy_erasures CASCADE');
  for (const key of await outbox.keys()) await outbox.delete(key);
});

const minute = 60_000;
const lead = (key: string, email: string, receivedAt: number): Omit<QueuedLead, 'id'> => ({
  idempotencyKey: key,
  fingerprint: `fields-of-${key}`,
  receivedAt,
  payload: {
    fields: { email, firstName: 'Ada' },
    formId: 'demo-request',
    consent: { given: true, version: '2026-11', at: new Date(receivedAt).toISOString() },
  },
});
const deps = (): SubjectDeps => ({ db, outbox, secret, now: Date.now });
const holding = async (text: string) =>
  (
    await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM leads WHERE payload::text ILIKE $1`, [
      `%${text}%`,
    ])
  ).rows[0]?.n;

/** Ada as a dead letter (one failed attempt), a queued lead, spam and an outbox copy; Bob queued. */
async function seed(start: number) {
  await queue.enqueue(lead('6d1a3c1e-0000-4000-8000-00000000dead', 'ada@example.com', start));
  const [claimed] = await queue.claim(1, minute);
  await queue.deadLetter(
    claimed,
    { at: start + 1, status: 400, error: 'HTTP 400: ada@example.com' },
    'HTTP 400',
  );
  await queue.enqueue(lead('6d1a3c1e-0000-4000-8000-0000000queue', ' Ada@Example.com ', start + 2));
  await queue.enqueue(lead('6d1a3c1e-0000-4000-8000-00000000spam', 'ada@example.com', start + 3), {
    score: 9,
    signals: ['honeypot'],
  });
  await queue.enqueue(lead('6d1a3c1e-0000-4000-8000-000000000bob', 'bob@example.com', start + 4));
  const copy = lead('6d1a3c1e-0000-4000-8000-00000outbox', 'ada@example.com', start + 5);
  await outbox.put(leadKeyFor(copy.idempotencyKey), { lead: copy });
}

describe('export then erase of one address', () => {
  it('exports every copy, erases them all, and delivers nothing of it afterwards but a new sign-up', async () => {
    const start = Date.now() - 10 * minute;
    await seed(start);

    await db.query(
      `INSERT INTO consent_texts (version, entry_id, locale, text, sha256) VALUES ('2026-11', 'form-x', 'en-US', $1, 'h')
       ON CONFLICT (version) DO NOTHING`,
      ['I agree to be contacted about my request.'],
    );
    const before = await exportSubject(deps(), 'ada@example.com');
    expect(before.leads.map((row) => row.state).sort()).toEqual(['dead', 'queued', 'spam']);
    expect(before.deliveryAttempts).toHaveLength(1);
    expect(before.consentRecords.map((record) => record.consent)).toContainEqual(
      expect.objectContaining({ version: '2026-11' }),
    );
    // Each consent record comes with the exact words its version stood for.
    expect(before.consentRecords[0]?.words).toMatchObject({
      text: 'I agree to be contacted about my request.',
      locale: 'en-US',
    });
    expect(before.outbox).toHaveLength(1);
    expect(before.notes[0]).toMatch(/Delivered leads keep no personal data/);

    const audit: Record<string, unknown>[] = [];
    const erased = await eraseSubject(
      { ...deps(), source: 'cli', log: (line) => audit.push(line) },
      'ada@example.com',
    );
    expect(erased).toMatchObject({
      leads: { dead: 1, queued: 1, spam: 1 },
      attempts: 1,
      outbox: 1,
      outboxLeft: 0,
    });
    expect(JSON.stringify(audit)).not.toMatch(/ada@/i);
    expect(await holding('ada@example.com')).toBe(0);
    expect(await outbox.keys()).toEqual([]);
    const after = await exportSubject(deps(), 'ada@example.com');
    expect(after).toMatchObject({
      leads: [],
      outbox: [],
      erasures: [expect.objectContaining({ id: erased.erasureId })],
    });
    const tombstones = await db.query('SELECT * FROM privacy_erasures');
    expect(JSON.stringify(tombstones.rows)).not.toMatch(/ada@/i);

    // Afterwards: a redrive finds nothing of Ada's; the page script retries with the old key; a
    // copy submitted before the erasure turns up (queued by a path without the screen, and in the
    // outbox); and Ada signs up again.
    expect((await queue.redrive('all')).redriven).toEqual([]);
    await queue.enqueue(lead('6d1a3c1e-0000-4000-8000-0000000queue', 'ada@example.com', Date.now()));
    await queue.enqueue(lead('6d1a3c1e-0000-4000-8000-000000000old', 'ada@example.com', start + 6));
    const late = lead('6d1a3c1e-0000-4000-8000-0000000late1', 'ada@example.com', start + 7);
    await outbox.put(leadKeyFor(late.idempotencyKey), { lead: late });
    const moved = await moveOutbox({ outbox, queue, erasureOf: outboxErasureScreen({ db, secret }) });
    expect(moved).toMatchObject({ moved: 0, erased: 1, left: 0 });
    const fresh = await queue.enqueue(
      lead('6d1a3c1e-0000-4000-8000-000000000new', 'ada@example.com', Date.now() + 1),
    );

    const lines: DeliveryLogLine[] = [];
    await testWorker(db, crm, { env, lines }).worker.run();
    const delivered = crm
      .received()
      .map((received) => received.id)
      .sort();
    const bob = (await db.query<{ id: string }>(`SELECT id FROM leads WHERE idempotency_key LIKE '%bob'`))
      .rows[0];
    expect(delivered).toEqual([bob.id, fresh.id].sort());
    const stoppedLines = lines.filter((line) => line.event === 'lead.erasure-stopped');
    expect(stoppedLines.reduce((sum, line) => sum + ('count' in line ? line.count : 0), 0)).toBe(2);
    expect(JSON.stringify(lines)).not.toMatch(/ada@/i);
    const [tombstone] = (await db.query<{ stopped: number }>('SELECT stopped FROM privacy_erasures')).rows;
    expect(tombstone?.stopped).toBe(3);

    // The worker also sent the lead.erased event: the CRM erased its own earlier copies, kept the new consent.
    expect(crm.erasures()).toEqual([
      expect.objectContaining({ email: 'ada@example.com', id: erased.erasureId }),
    ]);
    const events = await db.query<{ email: string | null; sent_at: Date | null }>(
      'SELECT email, sent_at FROM privacy_events',
    );
    expect(events.rows).toEqual([{ email: null, sent_at: expect.any(Date) }]);
    expect(crm.received().map((received) => received.id)).toContain(fresh.id);
  });

  it('covers a state it does not know by name (a later migration adds states)', async () => {
    await db.query(`ALTER TABLE leads DROP CONSTRAINT leads_state_check`);
    try {
      await queue.enqueue(lead('6d1a3c1e-0000-4000-8000-00000unconf', 'ada@example.com', Date.now()));
      await db.query(`UPDATE leads SET state = 'archived', due_at = NULL`);
      const found = await exportSubject(deps(), 'ada@example.com');
      expect(found.leads.map((row) => row.state)).toEqual(['archived']);
      const erased = await eraseSubject({ ...deps(), source: 'ops', log: () => {} }, 'ada@example.com');
      expect(erased.leads).toEqual({ archived: 1 });
    } finally {
      await db.query('TRUNCATE leads CASCADE');
      await db.query(
        `ALTER TABLE leads ADD CONSTRAINT leads_state_check CHECK (state IN ('queued', 'done', 'dead', 'spam', 'unconfirmed'))`,
      );
    }
  });
});
