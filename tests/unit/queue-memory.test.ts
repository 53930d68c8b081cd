import { describe, expect, it } from 'vitest';
import { createMemoryLeadQueue } from '../../src/lib/queue/memory-lead-queue.ts';
import { describeLeadQueueContract, sampleLead } from '../fixtures/lead-queue-contract.ts';

describeLeadQueueContract('memory queue', ({ now, random, failing }) =>
  createMemoryLeadQueue({ now, random, fault: () => (failing ? new Error('store down') : undefined) }),
);

describe('memory queue', () => {
  it('recovers once the injected fault clears', async () => {
    let down = true;
    const queue = createMemoryLeadQueue({
      now: () => 1,
      random: Math.random,
      fault: () => (down ? new Error('store down') : undefined),
    });
    await expect(queue.enqueue(sampleLead('a', 1))).rejects.toThrow('store down');
    down = false;
    expect(await queue.enqueue(sampleLead('a', 1))).toMatchObject({ duplicate: false });
  });

  it('hands out copies, so a worker cannot change the stored history', async () => {
    const queue = createMemoryLeadQueue({ now: () => 1, random: Math.random });
    await queue.enqueue(sampleLead('a', 1));
    const [lead] = await queue.claim(1, 0);
    lead?.attempts.push({ at: 1, status: 500 });
    const [again] = await queue.claim(1, 0);
    expect(again?.attempts).toEqual([]);
  });
});
