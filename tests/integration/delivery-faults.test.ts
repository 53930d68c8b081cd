import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDevCrm, type DevCrm } from '../../scripts/dev-crm/dev-crm.ts';
import type { DeliveryLogLine } from '../../src/lib/delivery/delivery-log.ts';
import { leadQueueIn } from '../../src/lib/queue/blobs-lead-queue.ts';
import { blobsStore, startBlobsServer, type RunningBlobsServer } from '../fixtures/blobs-server.ts';
import {
  crmSecret,
  enqueueLeads,
  fastDeliveryEnv,
  runUntil,
  seededRandom,
  testWorker,
} from '../fixtures/delivery-harness.ts';

let blobs: RunningBlobsServer;
let crm: DevCrm;
let stores = 0;
beforeAll(async () => {
  blobs = await startBlobsServer();
});
afterAll(() => blobs.stop());
beforeEach(async () => {
  crm = await startDevCrm({ secret: crmSecret });
});
afterEach(() => crm.close());

/** A fresh store per test (one Blobs server for the file); `fetch` lets a test cut the worker off. */
const freshStore = (options: { fetch?: typeof fetch } = {}) => {
  const name = `delivery-faults-${(stores += 1)}`;
  return { name, store: blobsStore(blobs, name, options) };
};
const recorded = () => crm.arrivals().filter((arrival) => arrival.outcome === 'recorded');
const receivedIds = () =>
  crm
    .received()
    .map((lead) => lead.id)
    .sort();

describe('delivery under CRM faults (real Blobs server, real dev CRM on loopback)', () => {
  it('the CRM is down for a while, then recovers: every lead arrives exactly once', async () => {
    const { store } = freshStore();
    const ids = await enqueueLeads(leadQueueIn(store), 20);
    const recoversAt = Date.now() + 800;
    crm.setFaults(() => (Date.now() < recoversAt ? { kind: 'status', status: 503 } : undefined));
    const lines: DeliveryLogLine[] = [];
    const { worker } = testWorker(store, crm, { lines });
    await runUntil(worker, () => crm.received().length === ids.length);
    expect(receivedIds()).toEqual([...ids].sort());
    expect(recorded()).toHaveLength(ids.length);
    // The circuit stopped the worker from spending an attempt on every lead while the CRM was down.
    expect(lines).toContainEqual(expect.objectContaining({ event: 'circuit', state: 'open' }));
    const failedCalls = crm.arrivals().filter((arrival) => arrival.outcome === 'fault').length;
    expect(failedCalls).toBeLessThan(ids.length);
    expect(await leadQueueIn(store).status(Date.now())).toMatchObject({ depth: 0, deadLetters: 0 });
  });

  it('random 500s, 429s and timeouts (seeded): all delivered, none recorded twice, backoff honoured', async () => {
    const { store } = freshStore();
    const ids = await enqueueLeads(leadQueueIn(store), 30);
    const random = seededRandom(20_261_120);
    crm.setFaults(() => {
      const roll = random();
      if (roll < 0.15) return { kind: 'status', status: 500 };
      if (roll < 0.22) return { kind: 'status', status: 429, retryAfterSeconds: 1 };
      if (roll < 0.3) return { kind: 'hang', ms: 5_000 };
      return undefined;
    });
    const lines: DeliveryLogLine[] = [];
    const { worker } = testWorker(store, crm, {
      env: fastDeliveryEnv({ LEADS_CIRCUIT_FAILURE_THRESHOLD: '50' }),
      lines,
    });
    await runUntil(worker, () => crm.received().length === ids.length, 20_000);
    expect(recorded()).toHaveLength(ids.length);
    expect(await leadQueueIn(store).status(Date.now())).toMatchObject({ depth: 0, deadLetters: 0 });

    const faults = crm.arrivals().filter((arrival) => arrival.outcome === 'fault');
    expect(new Set(faults.map((fault) => fault.answer))).toEqual(new Set([500, 429, 'hang']));
    // Every retry came no sooner than scheduled: the worker decided after the failed call arrived,
    // so the failed call's arrival plus the logged delay is a lower bound for the next attempt.
    const arrivalOf = (leadId: string, attempt: number) =>
      crm.arrivals().find((arrival) => arrival.idempotencyKey === leadId && arrival.attempt === attempt);
    const retries = lines.filter((line) => line.event === 'lead.delivery' && line.outcome === 'retry');
    expect(retries.length).toBeGreaterThan(3);
    for (const retry of retries) {
      if (retry.event !== 'lead.delivery' || retry.retryInMs === undefined) continue;
      const failed = arrivalOf(retry.leadId, retry.attempt);
      const next = arrivalOf(retry.leadId, retry.attempt + 1);
      expect(next, `attempt ${retry.attempt + 1} of ${retry.leadId}`).toBeDefined();
      expect(next?.at).toBeGreaterThanOrEqual((failed?.at ?? Infinity) + retry.retryInMs);
      if (retry.status === 429) expect(retry.retryInMs).toBeGreaterThanOrEqual(1_000);
    }
  }, 30_000);

  it('a permanent 4xx dead-letters the lead with the reason; redrive after the fix delivers it', async () => {
    const { store } = freshStore();
    const queue = leadQueueIn(store);
    await enqueueLeads(queue, 3);
    const misconfigured = testWorker(store, crm, {
      crm: { url: crm.webhookUrl, secret: 'not-the-crms-secret' },
    });
    const summary = await misconfigured.worker.run();
    expect(summary).toMatchObject({ delivered: 0, dead: 3 });
    const letters = await queue.deadLetters();
    expect(letters).toHaveLength(3);
    expect(letters[0]?.reason).toMatch(/^permanent error: HTTP 401: .*signature does not match/);
    expect(letters[0]?.attempts).toEqual([expect.objectContaining({ status: 401 })]);
    // The circuit stays closed: the CRM is up, it is the request that is wrong.
    expect(misconfigured.lines).not.toContainEqual(expect.objectContaining({ event: 'circuit' }));

    const [first] = letters;
    expect(await queue.redrive({ id: first?.id ?? '' })).toEqual({ redriven: [first?.id], notFound: [] });
    const fixed = testWorker(store, crm);
    expect(await fixed.worker.run()).toMatchObject({ delivered: 1 });
    expect(crm.received().map((lead) => lead.id)).toEqual([first?.id]);
    expect(await queue.redrive('all')).toMatchObject({ redriven: expect.any(Array) });
    expect(await fixed.worker.run()).toMatchObject({ delivered: 2 });
    expect(await queue.status(Date.now())).toMatchObject({ depth: 0, deadLetters: 0 });
    expect(crm.received()).toHaveLength(3);
  });

  it('a worker killed between CRM success and ack: its leads are redelivered and the sink dedups', async () => {
    let killed = false;
    const cutOff: typeof fetch = (input, init) =>
      killed ? Promise.reject(new TypeError('fetch failed (process killed)')) : fetch(input, init);
    const { name, store: doomedStore } = freshStore({ fetch: cutOff });
    const ids = await enqueueLeads(leadQueueIn(doomedStore), 12);
    let successes = 0;
    // The CRM answers 200 to the fifth lead, and the process dies before it can write the ack.
    const crmFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (response.ok && (successes += 1) === 5) killed = true;
      return response;
    };
    const doomed = testWorker(doomedStore, crm, { fetch: crmFetch });
    await doomed.worker.run({ shouldStop: () => killed });
    expect(killed).toBe(true);
    const unacked = crm.received().length;

    // Its leases run out; the next worker (a minute later, by its clock) delivers everything again.
    const later = () => Date.now() + 60_000;
    const { worker } = testWorker(blobsStore(blobs, name), crm, { now: later });
    await runUntil(worker, () => crm.received().length === ids.length);
    expect(receivedIds()).toEqual([...ids].sort());
    const duplicates = crm.arrivals().filter((arrival) => arrival.outcome === 'duplicate');
    expect(duplicates.length).toBeGreaterThanOrEqual(1);
    expect(duplicates.length).toBeLessThanOrEqual(unacked);
    expect(await leadQueueIn(blobsStore(blobs, name)).depth()).toBe(0);
  });
});
