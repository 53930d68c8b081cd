import { describe, expect, it } from 'vitest';
import { EnqueueTimeoutError, withEnqueueDeadline } from '../../src/lib/queue/enqueue-deadline.ts';
import { createMemoryLeadQueue } from '../../src/lib/queue/memory-lead-queue.ts';

const lead = { idempotencyKey: 'k-1', receivedAt: 1, payload: {} };

describe('withEnqueueDeadline', () => {
  it('passes a prompt enqueue through', async () => {
    const queue = withEnqueueDeadline(createMemoryLeadQueue({ now: () => 1, random: Math.random }), 50);
    await expect(queue.enqueue(lead)).resolves.toMatchObject({ duplicate: false });
    expect(await queue.depth()).toBe(1);
  });

  it('rejects an enqueue the store has not confirmed in time', async () => {
    const slow = createMemoryLeadQueue({ now: () => 1, random: Math.random });
    const hanging = { ...slow, enqueue: () => new Promise<never>(() => {}) };
    await expect(withEnqueueDeadline(hanging, 20).enqueue(lead)).rejects.toBeInstanceOf(EnqueueTimeoutError);
  });
});
