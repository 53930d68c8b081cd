import { describe, expect, it } from 'vitest';
import { EnqueueTimeoutError } from '../../src/lib/queue/enqueue-deadline.ts';
import { isDatabaseOutage } from '../../src/lib/outbox/outage.ts';
import { withOutboxFallback } from '../../src/lib/outbox/outbox-fallback.ts';
import type { LeadOutbox, OutboxEntry } from '../../src/lib/outbox/outbox-store.ts';
import { leadIdFor, leadKeyFor } from '../../src/lib/queue/lead-id.ts';
import { recordingLeadQueue } from '../fixtures/recording-lead-queue.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

/** An outbox in memory: the decorator's logic, without Blobs. */
function memoryOutbox(): LeadOutbox & { entries: Map<string, OutboxEntry> } {
  const entries = new Map<string, OutboxEntry>();
  return {
    entries,
    put: async (key, entry) => void entries.set(key, structuredClone(entry)),
    get: async (key) => entries.get(key),
    keys: async () => [...entries.keys()].sort(),
    delete: async (key) => void entries.delete(key),
  };
}

const lead = (key: string, fingerprint = 'f1') => ({
  idempotencyKey: key,
  fingerprint,
  receivedAt: 1_800_000_000_000,
  payload: { formId: 'demo', fields: { email: 'ada@example.com' } },
});

describe('isDatabaseOutage: the database did not answer, as opposed to refusing the data', () => {
  it('counts deadlines, socket errors, connection SQLSTATEs and lost connections', () => {
    for (const error of [
      new EnqueueTimeoutError('late'),
      withCode('ECONNREFUSED'),
      withCode('ECONNRESET'),
      withCode('08006'),
      withCode('57P01'),
      withCode('53300'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
    ])
      expect(isDatabaseOutage(error), String(error)).toBe(true);
  });

  it('does not count data errors or a missing table: those would fail again on import', () => {
    for (const error of [
      withCode('22P05', 'unsupported Unicode escape sequence'),
      withCode('23505'),
      withCode('42P01', 'relation "leads" does not exist'),
      new TypeError('x is not a function'),
      'a string',
      undefined,
    ])
      expect(isDatabaseOutage(error), String(error)).toBe(false);
  });
});

describe('withOutboxFallback', () => {
  it('writes to the outbox on an outage and answers with the id the database would give', async () => {
    const outbox = memoryOutbox();
    const queue = withOutboxFallback(
      recordingLeadQueue([], withCode('ECONNREFUSED')).queue,
      outbox,
      () => {},
    );
    const result = await queue.enqueue(lead('k1'));
    expect(result).toEqual({ id: leadIdFor(1_800_000_000_000, leadKeyFor('k1')), outcome: 'created' });
    expect(await outbox.keys()).toEqual([leadKeyFor('k1')]);
    // A retry of the same submission: the same id, one entry; other fields under the key: a conflict.
    expect(await queue.enqueue(lead('k1'))).toEqual({ ...result, outcome: 'duplicate' });
    expect((await queue.enqueue(lead('k1', 'f2'))).outcome).toBe('conflict');
    expect(outbox.entries.size).toBe(1);
  });

  it('lets a data error through (503), writing nothing to the outbox', async () => {
    const outbox = memoryOutbox();
    const refused = withCode('22P05');
    const queue = withOutboxFallback(recordingLeadQueue([], refused).queue, outbox, () => {});
    await expect(queue.enqueue(lead('k2'))).rejects.toBe(refused);
    expect(outbox.entries.size).toBe(0);
  });

  it('keeps the database’s error when the outbox fails too', async () => {
    const down = withCode('ECONNREFUSED');
    const outbox = { ...memoryOutbox(), put: () => Promise.reject(new Error('blobs down')) };
    const queue = withOutboxFallback(recordingLeadQueue([], down).queue, outbox, () => {});
    await expect(queue.enqueue(lead('k3'))).rejects.toBe(down);
  });

  it('leaves a working database alone', async () => {
    const recording = recordingLeadQueue();
    const outbox = memoryOutbox();
    const queue = withOutboxFallback(recording.queue, outbox, () => {});
    expect((await queue.enqueue(lead('k4'))).outcome).toBe('created');
    expect(recording.stored).toHaveLength(1);
    expect(outbox.entries.size).toBe(0);
  });
});
