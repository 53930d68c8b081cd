import { describe, expect, it } from 'vitest';
import { accountDrain, drainWorker, median, type WorkerDrain } from '../../bench/lib/claim-drain.ts';
import type { ClaimedLead } from '../../src/lib/queue/lead-queue.ts';

const worker = (ackedIds: string[]): WorkerDrain => ({ ackedIds, claimMs: [], ackMs: [] });

describe("bench:claim's accounting", () => {
  it('counts every id acked exactly once as clean', () => {
    expect(accountDrain(['a', 'b', 'c'], [worker(['a', 'c']), worker(['b'])])).toEqual({
      loaded: 3,
      acked: 3,
      duplicates: 0,
      lost: 0,
      unknown: 0,
    });
  });

  it('reports an id acked by two workers as a duplicate and an id never acked as lost', () => {
    expect(accountDrain(['a', 'b', 'c'], [worker(['a', 'b']), worker(['b'])])).toEqual({
      loaded: 3,
      acked: 3,
      duplicates: 1,
      lost: 1,
      unknown: 0,
    });
  });

  it('reports an acked id that was never loaded as unknown', () => {
    expect(accountDrain(['a'], [worker(['a', 'z'])])).toMatchObject({ duplicates: 0, lost: 0, unknown: 1 });
  });

  it('takes the median of odd and even lists, NaN of none', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe("bench:claim's worker loop (injected clock, in-memory queue)", () => {
  it('claims and acks until a claim comes back empty, timing each round trip', async () => {
    const waiting = ['l1', 'l2', 'l3', 'l4', 'l5'];
    const acked: string[] = [];
    let time = 0;
    const queue = {
      claim: (limit: number) => {
        time += 2;
        return Promise.resolve(waiting.splice(0, limit).map((id) => ({ id }) as ClaimedLead));
      },
      ackMany: (leads: readonly ClaimedLead[]) => {
        time += 1;
        acked.push(...leads.map((lead) => lead.id));
        return Promise.resolve();
      },
    };
    const drain = await drainWorker(queue, 2, () => time);
    expect(drain.ackedIds).toEqual(['l1', 'l2', 'l3', 'l4', 'l5']);
    expect(acked).toEqual(drain.ackedIds);
    expect(drain.claimMs).toEqual([2, 2, 2, 2]);
    expect(drain.ackMs).toEqual([1, 1, 1]);
  });
});
