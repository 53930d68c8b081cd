import { describe, expect, it } from 'vitest';
import { EnqueueTimeoutError, withEnqueueDeadline } from '../../src/lib/queue/enqueue-deadline.ts';
import { recordingLeadQueue } from '../fixtures/recording-lead-queue.ts';

const lead = { idempotencyKey: 'k-1', fingerprint: 'f', receivedAt: 1, payload: {} };

describe('withEnqueueDeadline', () => {
  it('passes a prompt enqueue through, spam mark included', async () => {
    const recording = recordingLeadQueue();
    const queue = withEnqueueDeadline(recording.queue, 50);
    await expect(queue.enqueue(lead)).resolves.toMatchObject({ outcome: 'created' });
    await queue.enqueue({ ...lead, idempotencyKey: 'k-2' }, { score: 9, signals: ['honeypot'] });
    expect([recording.stored.length, recording.spam.length]).toEqual([1, 1]);
  });

  it('rejects an enqueue the store has not confirmed in time', async () => {
    const hanging = { ...recordingLeadQueue().queue, enqueue: () => new Promise<never>(() => {}) };
    await expect(withEnqueueDeadline(hanging, 20).enqueue(lead)).rejects.toBeInstanceOf(EnqueueTimeoutError);
  });
});
