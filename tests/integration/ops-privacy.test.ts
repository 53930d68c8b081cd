import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { handleOpsPage } from '../../src/lib/ops/handle-ops-page.ts';
import { createOpsRoom } from '../../src/lib/ops/ops-room.ts';
import { blobsOutbox } from '../../src/lib/outbox/outbox-store.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { OpsEnvSchema } from '../../src/schemas/ops-env.ts';
import { blobsStore, startBlobsServer, type RunningBlobsServer } from '../fixtures/blobs-server.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';

/** /ops/privacy/: look up, then export or erase only once confirmed; logged without the address. */
const token = 'ops-token-for-privacy-tests-0123456789';
let db: TestDatabase;
let blobs: RunningBlobsServer;
const logged: Record<string, unknown>[] = [];
let room: ReturnType<typeof createOpsRoom>;

beforeAll(async () => {
  [db, blobs] = await Promise.all([realPostgresDatabase(), startBlobsServer()]);
  const env = parseEnv(OpsEnvSchema, { OPS_TOKEN: token }, 'tests');
  const outbox = blobsOutbox(() => blobsStore(blobs, 'lead-outbox'));
  const base = createOpsRoom({ db, env, outbox });
  room = {
    ...base,
    log: (line) => logged.push(line),
    privacy: { ...base.privacy!, log: (line) => logged.push(line) },
  };
  const queue = createPostgresLeadQueue({ db, now: Date.now, random: Math.random });
  await queue.enqueue({
    idempotencyKey: 'a1a3c1e0-0000-4000-8000-000000000001',
    fingerprint: 'f',
    receivedAt: Date.now() - 1_000,
    payload: { fields: { email: 'ada@example.com' } },
  });
  await queue.enqueue(
    {
      idempotencyKey: 'a1a3c1e0-0000-4000-8000-000000000002',
      fingerprint: 'f',
      receivedAt: Date.now(),
      payload: { fields: { email: 'ada@example.com' } },
    },
    { score: 9, signals: ['honeypot'] },
  );
}, 60_000);
afterAll(async () => {
  await Promise.all([db.close(), blobs.stop()]);
});

const page = (method: string, fields?: Record<string, string>, signedIn = true) =>
  handleOpsPage(
    new Request('https://site.example/ops/privacy/', {
      method,
      headers: {
        ...(signedIn ? { authorization: `Bearer ${token}` } : {}),
        ...(fields ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(fields ? { body: new URLSearchParams(fields) } : {}),
    }),
    '198.51.100.1',
    room,
  );
const held = async () =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM leads WHERE payload::text LIKE '%ada@%'`))
    .rows[0]?.n;

describe('data-subject requests on /ops/', () => {
  it('are only for a signed-in operator', async () => {
    expect((await page('GET', undefined, false)).status).toBe(401);
    expect(
      (await page('POST', { action: 'privacy-erase', email: 'ada@example.com', confirm: 'yes' }, false))
        .status,
    ).toBe(401);
    expect(await held()).toBe(2);
  });

  it('look the address up first, refuse a bad address with the reason, and act only when confirmed', async () => {
    expect(await (await page('GET')).text()).toContain('name="email"');
    const bad = await page('POST', { action: 'privacy-review', email: 'nope' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('--email must be an e-mail address');
    const review = await (await page('POST', { action: 'privacy-review', email: ' ADA@example.com' })).text();
    expect(review).toMatch(/<th scope="row">queued<\/th><td>1<\/td>/);
    expect(review).toMatch(/<th scope="row">spam<\/th><td>1<\/td>/);
    const unconfirmed = await page('POST', { action: 'privacy-erase', email: 'ada@example.com' });
    expect(unconfirmed.status).toBe(400);
    expect(await held()).toBe(2);

    const exported = await page('POST', {
      action: 'privacy-export',
      email: 'ada@example.com',
      confirm: 'yes',
    });
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(((await exported.json()) as { leads: unknown[] }).leads).toHaveLength(2);

    const erased = await (
      await page('POST', { action: 'privacy-erase', email: 'ada@example.com', confirm: 'yes' })
    ).text();
    expect(erased).toContain('1 queued, 1 spam');
    expect(await held()).toBe(0);
    expect(logged.map((line) => line.event)).toEqual([
      'ops.privacy-review',
      'ops.privacy-export',
      'ops.privacy-erase',
    ]);
    expect(JSON.stringify(logged)).not.toMatch(/ada@/i);
  });
});
