import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevCrm, type DevCrm } from '../../scripts/dev-crm/dev-crm.ts';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import type { OwnedSqlClient } from '../../src/lib/db/sql-client.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { createLeadEndpoint } from '../../src/lib/leads/lead-endpoint.ts';
import { moveOutbox } from '../../src/lib/outbox/move-outbox.ts';
import { withOutboxFallback } from '../../src/lib/outbox/outbox-fallback.ts';
import { blobsOutbox, type LeadOutbox } from '../../src/lib/outbox/outbox-store.ts';
import { withEnqueueDeadline } from '../../src/lib/queue/enqueue-deadline.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { LeadIntakeEnvSchema } from '../../src/schemas/lead.ts';
import { blobsStore, startBlobsServer, type RunningBlobsServer } from '../fixtures/blobs-server.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { crmSecret, resetDelivery, testWorker } from '../fixtures/delivery-harness.ts';
import { validLead } from '../fixtures/valid-lead.ts';
import { startTcpProxy, type TcpProxy } from '../fixtures/tcp-proxy.ts';

/**
 * The intake on real PostgreSQL behind a TCP proxy that goes silent (the database stops
 * answering for a whole burst), with Netlify's own Blobs server as the fallback outbox.
 */
const site = 'https://www.example.com';
let db: TestDatabase;
let proxy: TcpProxy;
let blobs: RunningBlobsServer;
let viaProxy: OwnedSqlClient;
let outbox: LeadOutbox;
let crm: DevCrm;

beforeAll(async () => {
  [db, blobs] = await Promise.all([realPostgresDatabase(), startBlobsServer()]);
  proxy = await startTcpProxy(db.url!);
  // As the lead function connects: through @netlify/database, with the intake's deadline.
  viaProxy = connectDatabase({ NETLIFY_DB_URL: proxy.url }, { connectTimeoutMs: 500 });
  outbox = blobsOutbox(() => blobsStore(blobs, 'lead-outbox'));
  crm = await startDevCrm({ secret: crmSecret });
});
afterAll(async () => {
  await crm.close();
  await viaProxy.close();
  await proxy.close();
  await Promise.all([db.close(), blobs.stop()]);
});

function intake(outboxFor: LeadOutbox = outbox) {
  const env = parseEnv(
    LeadIntakeEnvSchema,
    { SITE_URL: site, LEADS_RATE_LIMIT_PER_MINUTE: '100000', LEADS_ENQUEUE_TIMEOUT_MS: '1500' },
    'test',
  );
  const queue = createPostgresLeadQueue({ db: viaProxy, now: Date.now, random: Math.random });
  const endpoint = createLeadEndpoint({
    env,
    queue: withOutboxFallback(withEnqueueDeadline(queue, env.enqueueTimeoutMs), outboxFor, () => {}),
    readFormRules: async () =>
      (await import('../../.floodgate/form-rules.json', { with: { type: 'json' } })).default,
  });
  return (lead: Record<string, unknown>, ip = '198.51.100.7') =>
    endpoint(
      new Request(`${site}/api/leads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: site },
        body: JSON.stringify(lead),
      }),
      { ip },
    );
}

/** An empty queue and an empty outbox: each test starts from nothing. */
async function reset() {
  await resetDelivery(db);
  for (const key of await outbox.keys()) await outbox.delete(key);
}

const storedRows = async () =>
  (await db.query<{ id: string; idempotency_key: string }>('SELECT id, idempotency_key FROM leads')).rows;

describe('the intake while its database is away', () => {
  it('answers a whole burst 202 from the outbox, and the mover imports and delivers each lead once', async () => {
    await reset();
    const post = intake();
    // A warm pool, as a live site has, before the database goes away (on a busy machine its
    // first write may miss the deadline and land in the outbox: start from empty again).
    expect((await post(validLead(crypto.randomUUID()))).status).toBe(202);
    await reset();

    proxy.goSilent();
    const keys = Array.from({ length: 30 }, () => crypto.randomUUID());
    const answers = await Promise.all(keys.map((key) => post(validLead(key))));
    // The page script's retries of a few (same key, same fields): one entry each.
    const retries = await Promise.all(keys.slice(0, 5).map((key) => post(validLead(key))));
    const statuses = [...answers, ...retries].map((answer) => answer.status);
    expect(statuses.filter((status) => status !== 202)).toEqual([]);
    const ids = await Promise.all(
      answers.map(async (answer) => ((await answer.json()) as { id: string }).id),
    );
    const retryIds = await Promise.all(
      retries.map(async (answer) => ((await answer.json()) as { id: string }).id),
    );
    expect(retryIds).toEqual(ids.slice(0, 5));
    expect(await outbox.keys()).toHaveLength(30);

    // While the database is away the mover moves nothing and loses nothing.
    const stalled = await moveOutbox({
      outbox,
      queue: createPostgresLeadQueue({ db: viaProxy, now: Date.now, random: Math.random }),
    });
    expect(stalled).toMatchObject({ moved: 0, left: 30 });

    proxy.resume();
    const queue = createPostgresLeadQueue({ db, now: Date.now, random: Math.random });
    expect(await moveOutbox({ outbox, queue })).toEqual({
      moved: 30,
      duplicates: 0,
      conflicts: 0,
      left: 0,
      erased: 0,
    });
    expect(await outbox.keys()).toEqual([]);
    // Stored under the very ids the visitors were given.
    const rows = await storedRows();
    expect(rows.map((row) => row.id).sort()).toEqual([...ids].sort());

    const { worker } = testWorker(db, crm);
    await worker.run({ timeBudgetMs: 60_000, whenIdle: 'stop' });
    const recorded = crm.arrivals().filter((arrival) => arrival.outcome === 'recorded');
    // Each delivered exactly once (the CRM's idempotency key is the lead id).
    expect(recorded.map((arrival) => arrival.idempotencyKey).sort()).toEqual([...ids].sort());
  }, 60_000);

  it('a mover stopped between import and delete, or during the import, loses and duplicates nothing', async () => {
    await reset();
    const post = intake();
    proxy.goSilent();
    const keys = Array.from({ length: 12 }, () => crypto.randomUUID());
    for (const key of keys) expect((await post(validLead(key))).status).toBe(202);
    proxy.resume();
    const queue = createPostgresLeadQueue({ db, now: Date.now, random: Math.random });

    // First mover dies after importing the 4th lead, before deleting it.
    let deletes = 0;
    const dying: LeadOutbox = {
      ...outbox,
      async delete(key) {
        if (++deletes === 4) throw new Error('instance stopped');
        await outbox.delete(key);
      },
    };
    await expect(moveOutbox({ outbox: dying, queue })).rejects.toThrow('instance stopped');
    // A second dies in the middle of an import (the statement never confirmed).
    let enqueues = 0;
    const half = {
      async enqueue(...args: Parameters<typeof queue.enqueue>) {
        const result = await queue.enqueue(...args);
        if (++enqueues === 3) throw new Error('connection lost after the write');
        return result;
      },
    };
    await moveOutbox({ outbox, queue: half });
    // Then a healthy one, twice at once, finishes.
    const [a, b] = await Promise.all([moveOutbox({ outbox, queue }), moveOutbox({ outbox, queue })]);
    expect(a.conflicts + b.conflicts).toBe(0);
    expect(await outbox.keys()).toEqual([]);
    const rows = await storedRows();
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((row) => row.idempotency_key)).size).toBe(12);
  }, 60_000);

  it('answers 503 as before when the outbox fails too, and keeps nothing anywhere', async () => {
    await reset();
    const broken: LeadOutbox = {
      ...outbox,
      put: () => Promise.reject(new Error('blobs unavailable')),
      get: () => Promise.resolve(undefined),
    };
    const post = intake(broken);
    proxy.goSilent();
    try {
      const answer = await post(validLead(crypto.randomUUID()));
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('10');
    } finally {
      proxy.resume();
    }
    expect(await outbox.keys()).toEqual([]);
    expect(await storedRows()).toEqual([]);
  }, 30_000);
});
