import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/lib/rebuild/load-plan.ts';
import { waitAndClose } from '../../src/lib/rebuild/wait-and-close.ts';
import { startBlobsServer, type RunningBlobsServer } from '../fixtures/blobs-server.ts';
import {
  freshRebuildStore,
  rebuildHarness,
  TEST_TIMING,
  type RebuildHarness,
} from '../fixtures/rebuild-harness.ts';
import { startBuildHookReceiver, type BuildHookReceiver } from '../fixtures/rebuild-hook-receiver.ts';

/** The webhook's 202 body, as far as these tests read it. */
type WebhookAnswer = { window: { id: string; opensAt: number; closesAt: number; opened: boolean } };

let server: RunningBlobsServer;
let hook: BuildHookReceiver;
let rebuild: RebuildHarness;
const t0 = 1_800_000_000_000;

beforeAll(async () => {
  server = await startBlobsServer();
});
afterAll(() => server.stop());
beforeEach(async () => {
  hook = await startBuildHookReceiver();
  rebuild = rebuildHarness(freshRebuildStore(server), hook.url, { start: t0 });
});
afterEach(() => hook.close());

const statuses = async () =>
  (await loadPlan(rebuild.store, rebuild.clock.now(), TEST_TIMING)).map((window) => window.status);

describe('coalescing publishes into builds', () => {
  it('turns 50 publishes over 10 s into one build hook call listing what changed', async () => {
    for (let i = 0; i < 50; i += 1) {
      rebuild.clock.set(t0 + i * 200);
      // A marketer fixing typos: ten entries, five saves each.
      const response = await rebuild.publish(`faq-${i % 10}`);
      expect(response.status).toBe(202);
    }
    expect(rebuild.opened).toHaveLength(1);
    rebuild.clock.set(t0 + 20_000);
    expect(await rebuild.close()).toMatchObject({ kind: 'nothing-due', pending: 1 });
    rebuild.clock.set(t0 + 32_000);
    expect(await rebuild.close()).toMatchObject({ kind: 'called', ok: true });
    expect(await rebuild.close()).toMatchObject({ kind: 'nothing-due', pending: 0 });
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]?.title).toMatch(/^Contentful: 10 changes: published faqItem faq-0, /);
    expect(hook.received[0]?.body).toMatchObject({ windows: [{ events: 50 }] });
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
    rebuild.clock.set(t0 + 40_000);
    await rebuild.publish('faq-3');
    expect(await rebuild.close()).toMatchObject({ kind: 'called', ok: true });
    rebuild.clock.set(t0 + 72_000);
    expect(await rebuild.close()).toMatchObject({ kind: 'called', ok: true });
    expect(hook.received.map((call) => call.title)).toEqual([
      'Contentful: 2 changes: published faqItem faq-1, published faqItem faq-2',
      'Contentful: 1 change: published faqItem faq-3',
    ]);
    expect(rebuild.opened).toHaveLength(2);
  });

  it('makes one call per window when webhooks and closers race through the real Blobs server', async () => {
    // Settling must outlast a store write (see claim-election.ts): a real 50 ms here, the clock stays put.
    const racingCloser = () => rebuild.close({ sleep: () => delay(50) });
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
      rebuild.clock.advance(TEST_TIMING.windowMs + TEST_TIMING.graceMs);
      const outcomes = await Promise.all([racingCloser(), racingCloser(), racingCloser(), racingCloser()]);
      expect(outcomes.filter((outcome) => outcome.kind === 'called')).toHaveLength(1);
      expect(hook.received).toHaveLength(round + 1);
      expect(hook.received[round]?.title).toContain(`faq-${round}-a`);
      expect(hook.received[round]?.title).toContain(`faq-${round}-b`);
    }
  });

  it('keeps windows due while the build hook is down and covers them all with one call when it is back', async () => {
    hook.behave({ status: 503 });
    await rebuild.publish('faq-1');
    rebuild.clock.set(t0 + 32_000);
    expect(await rebuild.close()).toMatchObject({ kind: 'called', ok: false, attempts: 3 });
    expect(rebuild.errors.at(-1)).toMatch(
      /build hook failed after 3 attempts \(HTTP 503\); 1 window\(s\) stay due/,
    );
    rebuild.clock.set(t0 + 50_000);
    await rebuild.publish('faq-2');
    rebuild.clock.set(t0 + 90_000);
    expect(await rebuild.close()).toMatchObject({ kind: 'called', ok: false });
    expect(await statuses()).toEqual(['due', 'due']);

    hook.behave({ status: 200 });
    rebuild.clock.set(t0 + 150_000);
    expect(await rebuild.close()).toMatchObject({ kind: 'called', ok: true });
    expect(await rebuild.close()).toMatchObject({ kind: 'nothing-due' });
    expect(hook.received.map((call) => call.title)).toEqual([
      'Contentful: 2 changes: published faqItem faq-1, published faqItem faq-2',
    ]);
    expect(await statuses()).toEqual(['built', 'built']);
    const calls = await rebuild.store.listCalls();
    expect(calls.map(({ call }) => [call.ok, call.covers.length])).toEqual([
      [false, 1],
      [false, 2],
      [true, 2],
    ]);
  });

  it('lets the background closer wait the window out, then build', async () => {
    await rebuild.publish('faq-1');
    rebuild.clock.advance(3_000);
    expect(await waitAndClose(rebuild.closerDeps())).toMatchObject({ kind: 'called', ok: true });
    // Slept until the window closed plus the grace, then settled its claim for a second.
    expect(rebuild.clock.now()).toBe(t0 + TEST_TIMING.windowMs + TEST_TIMING.graceMs + TEST_TIMING.settleMs);
    expect(hook.received).toHaveLength(1);
  });

  it('forgets built windows after the retention period', async () => {
    await rebuild.publish('faq-1');
    rebuild.clock.set(t0 + 40_000);
    await rebuild.close();
    expect(await rebuild.store.listEventKeys()).toHaveLength(1);
    rebuild.clock.set(t0 + TEST_TIMING.retentionMs + 40_000);
    expect(await rebuild.close()).toMatchObject({ kind: 'nothing-due', pending: 0 });
    expect(await rebuild.store.listEventKeys()).toEqual([]);
    expect(await rebuild.store.listCalls()).toEqual([]);
    expect(await statuses()).toEqual([]);
  });
});
