import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { evaluateRules } from '../../src/lib/ops/alert-rules.ts';
import { privacyStatus } from '../../src/lib/privacy/privacy-status.ts';
import { deadNearingPurge, purgePersonalData } from '../../src/lib/privacy/retention.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { OpsEnvSchema } from '../../src/schemas/ops-env.ts';
import { PrivacyEnvSchema } from '../../src/schemas/privacy-env.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { resetDelivery } from '../fixtures/delivery-harness.ts';

/** Retention of personal data on a virtual clock: dead letters (30 days, warned 7 before) and spam. */
const day = 86_400_000;
const t0 = Date.UTC(2026, 10, 1, 9);
let clock = t0;
let db: TestDatabase;
const days = parseEnv(PrivacyEnvSchema, {}, 'tests');

beforeAll(async () => {
  db = await realPostgresDatabase();
}, 60_000);
afterAll(() => db.close());
beforeEach(async () => {
  await resetDelivery(db);
  clock = t0;
});

async function seedDeadAndSpam() {
  const queue = createPostgresLeadQueue({ db, now: () => clock, random: Math.random });
  const lead = (key: string) => ({
    idempotencyKey: key,
    fingerprint: key,
    receivedAt: clock,
    payload: { fields: { email: `${key}@example.com` } },
  });
  await queue.enqueue(lead('dead'));
  const [claimed] = await queue.claim(1, 60_000);
  await queue.deadLetter(
    claimed,
    { at: clock, status: 422, error: 'HTTP 422: dead@example.com is invalid' },
    'HTTP 422',
  );
  await queue.enqueue(lead('spam'), { score: 5, signals: ['honeypot'] });
}

const remaining = async () =>
  (await db.query<{ state: string }>('SELECT state FROM leads ORDER BY state')).rows.map((row) => row.state);

describe('retention of personal data', () => {
  it('purges dead letters and spam once LEADS_*_RETENTION_DAYS (default 30) have passed, not before', async () => {
    await seedDeadAndSpam();
    expect(await purgePersonalData(db, t0 + 30 * day, days)).toEqual({ dead: 0, spam: 0 });
    expect(await remaining()).toEqual(['dead', 'spam']);
    expect(await purgePersonalData(db, t0 + 30 * day + 1, days)).toEqual({ dead: 1, spam: 1 });
    expect(await remaining()).toEqual([]);
  });

  it('honours a configured retention', async () => {
    await seedDeadAndSpam();
    const short = parseEnv(
      PrivacyEnvSchema,
      { LEADS_DEAD_RETENTION_DAYS: '10', LEADS_SPAM_RETENTION_DAYS: '2' },
      't',
    );
    expect(await purgePersonalData(db, t0 + 2 * day + 1, short)).toEqual({ dead: 0, spam: 1 });
    expect(await purgePersonalData(db, t0 + 10 * day + 1, short)).toEqual({ dead: 1, spam: 0 });
  });

  it('announces dead letters a week before their purge: status figure and the ops alert rule', async () => {
    await seedDeadAndSpam();
    expect(await deadNearingPurge(db, t0 + 23 * day, 30)).toEqual({ count: 0, firstPurgeAt: undefined });
    const nearing = await deadNearingPurge(db, t0 + 23 * day + 1, 30);
    expect(nearing).toEqual({ count: 1, firstPurgeAt: t0 + 30 * day });
    expect((await privacyStatus(db, t0 + 23 * day + 1, 30)).deadNearingPurge).toEqual({
      count: 1,
      firstPurgeAt: new Date(t0 + 30 * day).toISOString(),
    });
    const limits = parseEnv(OpsEnvSchema, {}, 'tests');
    const facts = { depth: 0, oldestQueuedSeconds: null, breaker: { state: 'closed' }, perMinute: [] };
    const rule = (found: typeof nearing) =>
      evaluateRules({ ...facts, deadNearingPurge: found }, limits).find(
        (finding) => finding.rule === 'dead-letters-nearing-purge',
      );
    expect(rule(nearing)).toMatchObject({
      firing: true,
      summary: expect.stringMatching(/^1 dead letter\(s\) will be purged/),
    });
    expect(rule(await deadNearingPurge(db, t0 + 20 * day, 30))?.firing).toBe(false);
  });
});
