import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyCrmSignature } from '../../src/lib/crm/verify-crm-signature.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { startAlertLoop } from '../../src/lib/ops/alert-loop.ts';
import { evaluateAlerts } from '../../src/lib/ops/evaluate-alerts.ts';
import { readAlertStates } from '../../src/lib/ops/alert-state.ts';
import { OpsEnvSchema } from '../../src/schemas/ops-env.ts';
import { startAlertSink } from '../fixtures/alert-sink.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';

/** Alert transitions on a real PostgreSQL server, sent to a real loopback receiver. */
let db: TestDatabase;
let sink: Awaited<ReturnType<typeof startAlertSink>>;
const secret = 'alert-secret-of-at-least-32-characters!';
beforeAll(async () => {
  db = await realPostgresDatabase({ max: 16 });
  sink = await startAlertSink();
}, 60_000);
afterAll(async () => {
  await sink.close();
  await db.close();
});
beforeEach(async () => {
  await db.query(`TRUNCATE ops_alerts; UPDATE delivery_circuit SET state = 'closed', until = NULL`);
  sink.received.length = 0;
  sink.answer(200);
});

const start = Date.UTC(2026, 11, 7, 12, 0, 0);
const env = () =>
  parseEnv(OpsEnvSchema, { ALERT_WEBHOOK_URL: sink.url, ALERT_WEBHOOK_SECRET: secret }, 'tests');
const openBreaker = (at: number) =>
  db.query(`UPDATE delivery_circuit SET state = 'open', opened_at = $1, until = $2, failures = 5`, [
    new Date(at),
    new Date(at + 30_000),
  ]);
const closeBreaker = () =>
  db.query(`UPDATE delivery_circuit SET state = 'closed', until = NULL, failures = 0`);
const evaluateAt = (time: number) =>
  evaluateAlerts({
    db,
    env: env(),
    pacePerMinute: 600,
    now: () => time,
    sleep: async () => {},
    log: () => {},
  });
const rules = () => sink.received.map((alert) => JSON.parse(alert.body) as { rule: string; state: string });

describe('alerts', () => {
  it('eight evaluators racing one breaker opening send exactly one message', async () => {
    await openBreaker(start);
    await Promise.all(Array.from({ length: 8 }, () => evaluateAt(start + 1_000)));
    expect(rules()).toEqual([expect.objectContaining({ rule: 'breaker-open', state: 'firing' })]);
  });

  it('one message when a rule starts, a reminder at most every 30 minutes, one when it resolves', async () => {
    await openBreaker(start);
    await evaluateAt(start);
    await evaluateAt(start + 60_000);
    await evaluateAt(start + 29 * 60_000);
    await Promise.all([evaluateAt(start + 30 * 60_000), evaluateAt(start + 30 * 60_000)]);
    await closeBreaker();
    await Promise.all([evaluateAt(start + 31 * 60_000), evaluateAt(start + 31 * 60_000)]);
    await evaluateAt(start + 32 * 60_000);
    expect(rules().map((alert) => alert.state)).toEqual(['firing', 'reminder', 'resolved']);
  });

  it('signs every message so the receiver can verify it, with Slack text, blocks and a link to /ops/', async () => {
    await openBreaker(start);
    await evaluateAt(start);
    const [alert] = sink.received;
    if (!alert) throw new Error('an alert expected');
    const check = verifyCrmSignature({ secrets: [secret], ...alert, now: start });
    expect(check).toEqual({ ok: true });
    expect(
      verifyCrmSignature({ secrets: ['another-secret-another-secret-12345'], ...alert, now: start }).ok,
    ).toBe(false);
    const body = JSON.parse(alert.body) as { text: string; blocks: unknown[] };
    expect(body.text).toContain('breaker-open');
    expect(JSON.stringify(body.blocks)).toContain('/ops/|Open the control room');
  });

  it('a send that keeps failing is retried, shown in the state, and tried again at the next evaluation', async () => {
    sink.answer(503);
    await openBreaker(start);
    const first = await evaluateAt(start);
    expect(first.outcomes).toEqual([{ rule: 'breaker-open', transition: 'firing', error: 'HTTP 503' }]);
    expect(sink.received).toHaveLength(3);
    expect((await readAlertStates(db))[0]).toMatchObject({ rule: 'breaker-open', sendError: 'HTTP 503' });
    sink.answer(200);
    const second = await evaluateAt(start + 60_000);
    expect(second.outcomes).toEqual([{ rule: 'breaker-open', transition: 'reminder' }]);
    expect((await readAlertStates(db))[0]).toMatchObject({ sendError: null });
  });

  it('the local loop (npm start) evaluates on its interval and stops cleanly', async () => {
    await openBreaker(start);
    const loop = startAlertLoop({ db, env: env(), intervalMs: 50, sleep: async () => {}, log: () => {} });
    await expect.poll(() => sink.received.length, { timeout: 15_000 }).toBeGreaterThan(0);
    await loop.stop();
    expect(rules()).toEqual([expect.objectContaining({ rule: 'breaker-open', state: 'firing' })]);
  });
});
