import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitAndClose } from '../../src/lib/rebuild/wait-and-close.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';
import {
  clearRebuilds,
  rebuildHarness,
  TEST_TIMING,
  type RebuildHarness,
} from '../fixtures/rebuild-harness.ts';
import { startBuildHookReceiver, type BuildHookReceiver } from '../fixtures/rebuild-hook-receiver.ts';
import { entryPayload, signedWebhook } from '../fixtures/webhook-requests.ts';

/**
 * Coalescing on a real PostgreSQL server (PGlite is one session and cannot show races), with a
 * local build hook and a hand-moved clock: no assertion depends on how fast anything runs.
 */

let db: TestDatabase;

/** The webhook's 202 body, as far as these tests read it. */
type WebhookAnswer = { window: { id: string; opensAt: number; closesAt: number; opened: boolean } };
let hook: BuildHookReceiver;
let rebuild: RebuildHarness;
const t0 = 1_800_000_000_000;

beforeAll(async () => {
  db = await realPostgresDatabase({ max: 20 });
});
afterAll(() => db.close());
beforeEach(async () => {
  await clearRebuilds(db);
  hook = await startBuildHookReceiver();
  rebuild = rebuildHarness(db, hook.url, { start: t0 });
});
afterEach(() => hook.close());

const count = async (sql: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n ${sql}`)).rows[0]?.n;
const windowStates = async () =>
  (await db.query<{ state: string }>('SELECT state FROM rebuild_windows ORDER BY opens_at')).rows.map(
    (row) => row.state,
  );

describe('coalescing publishes into builds', () => {
  it('turns 50 publishes over 10 s into one build hook call listing what changed', async () => {
    for (let i = 0; i < 50; i += 1) {
      rebuild.clock.set(t0 + i * 200);
      // A marketer fixing typos: ten entries, five saves each.
      expect((await rebuild.publish(`faq-${i % 10}`)).status).toBe(202);
    }
    expect(rebuild.opened).toHaveLength(1);
    rebuild.clock.set(t0 + 20_000);
    expect(await rebuild.close()).toEqual({ kind: 'nothing-due' });
    // The background closer the first publish started: sleeps until the window closes, then calls.
    const outcomes = await waitAndClose(rebuild.closerDeps());
    expect(outcomes).toMatchObject([{ kind: 'called', ok: true }]);
    expect(rebuild.clock.now()).toBe(t0 + TEST_TIMING.windowMs);
    expect(await rebuild.close()).toEqual({ kind: 'nothing-due' });
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]?.title).toMatch(
      /^Contentful: 50 changes to 10 entries: published faqItem faq-0, /,
    );
    expect(hook.received[0]?.body).toMatchObject({ events: 50, windows: [{ opensAt: t0 }] });
    expect(await count('FROM rebuild_events')).toBe(50);
    expect(await windowStates()).toEqual(['built']);
  });

  it('answers each webhook with the window it joined', async () => {
    const first = (await (await rebuild.publish('faq-1')).json()) as WebhookAnswer;
    rebuild.clock.advance(5_000);
    const second = (await (await rebuild.publish('faq-2')).json()) as WebhookAnswer;
    expect(first.window).toMatchObject({ opensAt: t0, closesAt: t0 + 30_000, opened: true });
    expect(second.window).toEqual({ ...first.window, opened: false });
  });

  it('makes one call per window for events in two windows', async () => {
    await rebuild.publish('faq-1');
    rebuild.clock.set(t0 + 5_000);
    await rebuild.publish('faq-2');
    // After the first window closed, before any closer ran: the event opens the next window.
    rebuild.clock.set(t0 + 40_000);
    await rebuild.publish('faq-3');
    expect(await rebuild.close()).toMatchObject({ kind: 'called', ok: true });
    rebuild.clock.set(t0 + 70_000);
    expect(await rebuild.close()).toMatchObject({ kind: 'called', ok: true });
    expect(hook.received.map((call) => call.title)).toEqual([
      'Contentful: 2 changes: published faqItem faq-1, published faqItem faq-2',
      'Contentful: 1 change: published faqItem faq-3',
    ]);
    expect(rebuild.opened).toHaveLength(2);
  });

  it('records a replayed signed webhook once, however many copies race in', async () => {
    const original = signedWebhook({ payload: entryPayload('faq-1', 'faqItem'), signedAt: t0 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => rebuild.webhook(original.clone())));
    expect(answers.map((answer) => answer.status).sort()).toEqual([...Array(19).fill(200), 202]);
    const replayed = await rebuild.webhook(original.clone());
    expect(await replayed.json()).toMatchObject({ accepted: true, replayed: true });
    expect(await count('FROM rebuild_events')).toBe(1);
    expect(await count('FROM rebuild_windows')).toBe(1);
  });

  it('makes exactly one build call per window when eight closers race', async () => {
    for (let round = 0; round < 3; round += 1) {
      rebuild.clock.set(t0 + round * 60_000);
      const responses = await Promise.all([
        rebuild.publish(`faq-${round}-a`),
        rebuild.publish(`faq-${round}-b`),
      ]);
      const windows = await Promise.all(
        responses.map(async (response) => ((await response.json()) as WebhookAnswer).window.id),
      );
      expect(new Set(windows).size).toBe(1);
      rebuild.clock.advance(TEST_TIMING.windowMs);
      const outcomes = await Promise.all(Array.from({ length: 8 }, () => rebuild.close()));
      expect(outcomes.filter((outcome) => outcome.kind === 'called')).toHaveLength(1);
      expect(hook.received).toHaveLength(round + 1);
      expect(hook.received[round]?.title).toContain(`faq-${round}-a`);
      expect(hook.received[round]?.title).toContain(`faq-${round}-b`);
    }
  });

  it('builds every event exactly once when webhooks and closers race across window boundaries', async () => {
    for (let step = 0; step < 12; step += 1) {
      // 10 s steps against 30 s windows: closers run while windows close and new ones open.
      rebuild.clock.set(t0 + step * 10_000);
      await Promise.all([
        ...Array.from({ length: 6 }, (_, i) => rebuild.publish(`faq-${step}-${i}`)),
        ...Array.from({ length: 4 }, () => rebuild.close()),
      ]);
    }
    rebuild.clock.advance(TEST_TIMING.windowMs);
    await Promise.all(Array.from({ length: 4 }, () => rebuild.close()));
    expect(await count(`FROM rebuild_windows WHERE state <> 'built'`)).toBe(0);
    expect(await count('FROM rebuild_events')).toBe(72);
    const calls = (await db.query<{ window_ids: string[] }>('SELECT window_ids FROM rebuild_calls WHERE ok'))
      .rows;
    const covered = calls.flatMap((call) => call.window_ids);
    expect(new Set(covered).size).toBe(covered.length);
    expect(covered.length).toBe(await count('FROM rebuild_windows'));
    expect(hook.received).toHaveLength(calls.length);
    const titled = hook.received.reduce(
      (sum, call) => sum + Number(/: (\d+) change/.exec(call.title ?? '')?.[1]),
      0,
    );
    expect(titled).toBe(72);
  });

  it('keeps windows retryable while the build hook is down and builds them all with one call when it is back', async () => {
    hook.behave({ status: 503 });
    await rebuild.publish('faq-1');
    rebuild.clock.set(t0 + 30_000);
    expect(await rebuild.close()).toMatchObject({ kind: 'called', ok: false, attempts: 3 });
    expect(rebuild.errors.at(-1)).toMatch(
      /build hook failed after 3 attempts \(HTTP 503\); 1 window\(s\) are due again in 30 s/,
    );
    // Not before its retry time, and not a second window: it is no longer collecting.
    expect(await rebuild.close()).toEqual({ kind: 'nothing-due' });
    rebuild.clock.set(t0 + 50_000);
    await rebuild.publish('faq-2');
    rebuild.clock.set(t0 + 90_000);
    expect(await rebuild.close()).toMatchObject({
      kind: 'called',
      ok: false,
      covers: [expect.any(String), expect.any(String)],
    });
    expect(await windowStates()).toEqual(['failed', 'failed']);

    hook.behave({ status: 200 });
    rebuild.clock.set(t0 + 150_000);
    expect(await rebuild.close()).toMatchObject({ kind: 'called', ok: true });
    expect(await rebuild.close()).toEqual({ kind: 'nothing-due' });
    expect(hook.received.map((call) => call.title)).toEqual([
      'Contentful: 2 changes: published faqItem faq-1, published faqItem faq-2',
    ]);
    expect(await windowStates()).toEqual(['built', 'built']);
    const calls = await db.query<{ ok: boolean; covers: number }>(
      'SELECT ok, cardinality(window_ids) AS covers FROM rebuild_calls ORDER BY started_at',
    );
    expect(calls.rows.map((call) => [call.ok, call.covers])).toEqual([
      [false, 1],
      [false, 2],
      [true, 2],
    ]);
  });

  it('lets the background closer retry a failed call until the hook is back', async () => {
    hook.queue(...Array.from({ length: 6 }, () => ({ status: 503 })));
    await rebuild.publish('faq-1');
    const outcomes = await waitAndClose(rebuild.closerDeps());
    expect(outcomes.map((outcome) => outcome.kind === 'called' && outcome.ok)).toEqual([false, false, true]);
    // Window close, then two retries each 30 s after a failed call (the calls take no virtual time).
    expect(rebuild.clock.now()).toBeGreaterThanOrEqual(
      t0 + TEST_TIMING.windowMs + 2 * TEST_TIMING.retryAfterMs,
    );
    expect(hook.received).toHaveLength(1);
  });

  it('takes a window back from a closer that died holding it once its lease ends', async () => {
    await rebuild.publish('faq-1');
    rebuild.clock.set(t0 + 30_000);
    const store = rebuild.closerDeps().store;
    expect(
      await store.claimDue({
        now: rebuild.clock.now(),
        leaseMs: TEST_TIMING.leaseMs,
        token: 'dead',
        limit: 10,
      }),
    ).toHaveLength(1);
    expect(await rebuild.close()).toEqual({ kind: 'nothing-due' });
    rebuild.clock.advance(TEST_TIMING.leaseMs);
    expect(await rebuild.close()).toMatchObject({ kind: 'called', ok: true });
    expect(hook.received).toHaveLength(1);
  });

  it('forgets built windows, their events and calls after the retention period', async () => {
    await rebuild.publish('faq-1');
    rebuild.clock.set(t0 + 40_000);
    await rebuild.close();
    rebuild.clock.set(t0 + TEST_TIMING.retentionMs + 40_000);
    await rebuild.publish('faq-2');
    rebuild.clock.advance(TEST_TIMING.windowMs);
    expect(await rebuild.close()).toMatchObject({ kind: 'called', ok: true });
    expect(await count('FROM rebuild_events')).toBe(1);
    expect(await count('FROM rebuild_windows')).toBe(1);
    expect(await count('FROM rebuild_calls')).toBe(1);
  });
});
