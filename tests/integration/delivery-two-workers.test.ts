import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevCrm, type DevCrm } from '../../scripts/dev-crm/dev-crm.ts';
import { leadQueueIn } from '../../src/lib/queue/blobs-lead-queue.ts';
import { blobsStore, startBlobsServer, type RunningBlobsServer } from '../fixtures/blobs-server.ts';
import { crmSecret, enqueueLeads, fastDeliveryEnv, testWorker } from '../fixtures/delivery-harness.ts';

let blobs: RunningBlobsServer;
let crm: DevCrm;
beforeAll(async () => {
  [blobs, crm] = await Promise.all([startBlobsServer(), startDevCrm({ secret: crmSecret })]);
});
afterAll(async () => {
  await crm.close();
  await blobs.stop();
});

describe('two workers at once', () => {
  it('share the configured pace (±10%) through the store and record nothing twice', async () => {
    const rate = 20;
    const seconds = 3;
    const queue = leadQueueIn(blobsStore(blobs, 'two-workers'));
    // More than both can send in the window, so neither ever runs dry.
    const ids = await enqueueLeads(queue, 120);
    const env = fastDeliveryEnv({ LEADS_DELIVERY_RATE: String(rate), LEADS_DELIVERY_BURST: '10' });
    const spendingSince: number[] = [];
    // Each worker has its own store client, as two function instances would. A half-second join
    // leaves room for the first claim on a busy machine (other test files run in parallel).
    const runs = ['a', 'b'].map(() =>
      testWorker(blobsStore(blobs, 'two-workers'), crm, {
        env,
        heartbeatMs: 500,
        log: (line) => void (line.event === 'drain.start' && spendingSince.push(Date.now())),
      }).worker.run({ timeBudgetMs: 500 + seconds * 1_000 + 300 }),
    );
    const summaries = await Promise.all(runs);

    // From the moment both buckets exist: they start empty (nothing saved up before), so the first
    // token of each comes one interval (1 / its 10 per second) later; the window starts there.
    const from = Math.max(...spendingSince) + 1_000 / (rate / 2);
    const recorded = crm.arrivals().filter((arrival) => arrival.outcome === 'recorded');
    const inWindow = recorded.filter((arrival) => arrival.at >= from && arrival.at < from + seconds * 1_000);
    const achieved = inWindow.length / seconds;
    console.info(
      `two workers at ${rate}/s: ${achieved.toFixed(1)} leads/s over ${seconds} s; per worker ${summaries
        .map((summary) => summary.delivered)
        .join(' + ')}`,
    );
    expect(achieved).toBeGreaterThanOrEqual(rate * 0.9);
    expect(achieved).toBeLessThanOrEqual(rate * 1.1);
    // Both did their share: neither ran at the full rate while the other idled.
    for (const summary of summaries) expect(summary.delivered).toBeGreaterThan(rate * seconds * 0.3);
    // At-least-once: two claims of one lead can both read back their own lease (the local store
    // has no atomic writes), and then the lead is sent twice and the sink's Idempotency-Key dedup
    // records it once. That race must stay rare; what must never happen is a lead recorded twice.
    const duplicates = crm.arrivals().filter((arrival) => arrival.outcome === 'duplicate');
    expect(duplicates.length).toBeLessThanOrEqual(Math.ceil(recorded.length * 0.05));
    expect(new Set(recorded.map((arrival) => arrival.idempotencyKey)).size).toBe(recorded.length);
    const delivered = crm.received().map((lead) => lead.id);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered.every((id) => ids.includes(id))).toBe(true);
  });
});
