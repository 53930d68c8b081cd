import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlobsLeadQueue } from '../../src/lib/queue/blobs-lead-queue.ts';
import { leadKeyFor } from '../../src/lib/queue/lead-id.ts';
import type { ClaimedLead, LeadQueue } from '../../src/lib/queue/lead-queue.ts';
import { blobsStore, startBlobsServer, type RunningBlobsServer } from '../fixtures/blobs-server.ts';
import { describeLeadQueueContract, sampleLead } from '../fixtures/lead-queue-contract.ts';

let server: RunningBlobsServer;
let stores = 0;
beforeAll(async () => {
  server = await startBlobsServer();
});
afterAll(() => server.stop());

// Writes answer 503 (after the client's own retries) while reads still work: the store is "down" for writes.
const failWrites: typeof fetch = (input, init) =>
  init?.method?.toUpperCase() === 'PUT'
    ? Promise.resolve(new Response(null, { status: 503 }))
    : fetch(input, init);

function blobsQueue(deps: { now: () => number; random: () => number; failing?: boolean }): LeadQueue {
  const store = blobsStore(server, `queue-test-${(stores += 1)}`, deps.failing ? { fetch: failWrites } : {});
  return createBlobsLeadQueue({ store, now: deps.now, random: deps.random, name: 'leads' });
}

describeLeadQueueContract('Netlify Blobs queue', blobsQueue);

describe('Netlify Blobs queue after a crash between writes', () => {
  const at = 1_700_000_000_000;
  let indexDown = false;
  // Fails only writes of index entries, as if the process died after writing the lead record.
  const failIndexWrites: typeof fetch = (input, init) =>
    indexDown &&
    init?.method?.toUpperCase() === 'PUT' &&
    decodeURIComponent(input instanceof Request ? input.url : input.toString()).includes('/due/')
      ? Promise.reject(new TypeError('fetch failed'))
      : fetch(input, init);
  const crashableQueue = (now: () => number) => {
    const store = blobsStore(server, `queue-test-${(stores += 1)}`, { fetch: failIndexWrites });
    return createBlobsLeadQueue({ store, now, random: Math.random, name: 'leads' });
  };

  it('an enqueue that stored the lead but not its index entry rejects, and the retry repairs it', async () => {
    const queue = crashableQueue(() => at);
    indexDown = true;
    await expect(queue.enqueue(sampleLead('a', at))).rejects.toThrow();
    indexDown = false;
    const retry = await queue.enqueue(sampleLead('a', at + 10_000));
    expect(retry.duplicate).toBe(true);
    expect((await queue.claim(10, 30_000)).map((lead) => lead.id)).toEqual([retry.id]);
  });

  it('a claim that dies before re-indexing its lease still redelivers after the lease', async () => {
    let clock = at;
    const queue = crashableQueue(() => clock);
    const { id } = await queue.enqueue(sampleLead('a', at));
    indexDown = true;
    await expect(queue.claim(1, 30_000)).rejects.toThrow();
    indexDown = false;
    expect(await queue.claim(1, 30_000)).toEqual([]);
    clock = at + 30_000;
    expect((await queue.claim(1, 30_000)).map((lead) => lead.id)).toEqual([id]);
    expect(await queue.depth()).toBe(1);
  });
});

describe('Netlify Blobs queue under races', () => {
  it('20 concurrent enqueues of one submission store one lead and all answer its id', async () => {
    const queue = blobsQueue({ now: () => 1_700_000_000_000, random: Math.random });
    const lead = sampleLead('double-click', 1_700_000_000_000);
    const answers = await Promise.all(Array.from({ length: 20 }, () => queue.enqueue(lead)));
    expect(new Set(answers.map((answer) => answer.id)).size).toBe(1);
    expect(answers.some((answer) => !answer.duplicate)).toBe(true);
    expect(await queue.depth()).toBe(1);
    const claimed = await queue.claim(10, 30_000);
    expect(claimed.map((claim) => claim.id)).toEqual([answers[0]?.id]);
  });

  it('20 concurrent enqueues of one key received at different times still store one lead', async () => {
    let tick = 1_700_000_000_000;
    const queue = blobsQueue({ now: () => tick, random: Math.random });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => queue.enqueue(sampleLead('retry-storm', (tick += 1)))),
    );
    const claimed = await queue.claim(10, 30_000);
    expect(claimed).toHaveLength(1);
    expect(await queue.depth()).toBe(1);
    const ids = new Set(answers.map((answer) => answer.id));
    console.info(`different receive times: ${ids.size} distinct id(s) in 20 answers`);
    expect(ids.has(claimed[0]?.id ?? '')).toBe(true);
  });

  it('two workers racing over 200 leads deliver every lead at least once', async () => {
    let offset = 0;
    const now = () => Date.now() + offset;
    const queue = blobsQueue({ now, random: Math.random });
    const keys = Array.from({ length: 200 }, (_, index) => `lead-${index}`);
    for (let chunk = 0; chunk < keys.length; chunk += 50) {
      await Promise.all(keys.slice(chunk, chunk + 50).map((key) => queue.enqueue(sampleLead(key, now()))));
    }
    const deliveries = new Map<string, number>();
    const deadline = Date.now() + 10_000;
    const worker = async () => {
      while (deliveries.size < keys.length && Date.now() < deadline) {
        const batch: ClaimedLead[] = await queue.claim(10, 60_000);
        for (const lead of batch)
          deliveries.set(lead.idempotencyKey, (deliveries.get(lead.idempotencyKey) ?? 0) + 1);
        await Promise.all(batch.map((lead) => queue.ack(lead)));
      }
    };
    await Promise.all([worker(), worker()]);
    const doubled = [...deliveries.values()].filter((count) => count > 1).length;
    console.info(`two workers: ${deliveries.size} leads delivered, ${doubled} delivered twice`);
    expect([...deliveries.keys()].sort()).toEqual([...keys].sort());
    // Past every lease: whatever a lost race left behind is due now, and nothing may be left undelivered.
    offset = 120_000;
    expect(await queue.claim(1_000, 60_000)).toEqual([]);
    expect(await queue.depth()).toBe(0);
  });
});

describe('Netlify Blobs queue: redrive and purge after a crash', () => {
  const at = 1_700_000_000_000;
  let deadDeletesDown = false;
  // Fails deleting dead letters only, as if a redrive died after re-queueing the lead.
  const failDeadDeletes: typeof fetch = (input, init) =>
    deadDeletesDown &&
    init?.method?.toUpperCase() === 'DELETE' &&
    decodeURIComponent(input instanceof Request ? input.url : input.toString()).includes('/dead/')
      ? Promise.reject(new TypeError('fetch failed'))
      : fetch(input, init);

  it('a redrive that died before deleting the letter is finished by the next one, without a second lead', async () => {
    let clock = at;
    const store = blobsStore(server, `queue-test-${(stores += 1)}`, { fetch: failDeadDeletes });
    const queue = createBlobsLeadQueue({ store, now: () => clock, random: Math.random, name: 'leads' });
    await queue.enqueue(sampleLead('a', at));
    const [lead] = await queue.claim(1, 30_000);
    if (!lead) throw new Error('expected a claim');
    await queue.deadLetter(lead, { at, status: 422, error: 'bad' }, 'bad');
    deadDeletesDown = true;
    await expect(queue.redrive('all')).rejects.toThrow();
    deadDeletesDown = false;
    expect(await queue.redrive('all')).toEqual({ redriven: [lead.id], notFound: [] });
    expect(await queue.deadLetters()).toEqual([]);
    clock += 1;
    expect((await queue.claim(10, 30_000)).map((claimed) => claimed.id)).toEqual([lead.id]);
  });

  it('purge keeps a record whose lead was queued again after its delivery index entry was written', async () => {
    const store = blobsStore(server, `queue-test-${(stores += 1)}`);
    const queue = createBlobsLeadQueue({ store, now: () => at, random: Math.random, name: 'leads' });
    await queue.enqueue(sampleLead('a', at));
    const [lead] = await queue.claim(1, 30_000);
    if (!lead) throw new Error('expected a claim');
    await queue.ack(lead);
    // A stale delivery index entry (e.g. a duplicate ack race) pointing at a lead that is queued again.
    const record = await store.get(`leads/lead/${leadKeyFor('a')}`, { type: 'json' });
    await store.setJSON(`leads/lead/${leadKeyFor('a')}`, { ...record, state: 'queued', payload: { x: 1 } });
    expect(await queue.purgeDelivered(at + 1, 100)).toBe(0);
    expect(await store.get(`leads/lead/${leadKeyFor('a')}`, { type: 'json' })).toMatchObject({
      state: 'queued',
    });
  });
});
