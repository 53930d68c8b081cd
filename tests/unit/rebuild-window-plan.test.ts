import { describe, expect, it } from 'vitest';
import { electClaim } from '../../src/lib/rebuild/claim-election.ts';
import {
  eventKey,
  parseEventKey,
  parseWindowId,
  windowId,
  type EventKey,
} from '../../src/lib/rebuild/rebuild-keys.ts';
import { planWindows, type PlanInput } from '../../src/lib/rebuild/window-plan.ts';

const t0 = 1_800_000_000_000;
const event = (offsetMs: number, id: string): EventKey => ({
  key: eventKey(t0 + offsetMs, id),
  receivedAt: t0 + offsetMs,
  id,
});
const plan = (input: Partial<PlanInput> & Pick<PlanInput, 'events'>) =>
  planWindows({ sealed: [], built: new Set(), now: t0, windowMs: 30_000, graceMs: 2_000, ...input });

describe('rebuild keys', () => {
  it('round-trip event keys and window ids, and sort chronologically', () => {
    expect(parseEventKey(eventKey(t0, 'abc-1'))).toEqual({
      key: eventKey(t0, 'abc-1'),
      receivedAt: t0,
      id: 'abc-1',
    });
    expect(parseWindowId(windowId(t0, t0 + 30_000, 'e1'))).toEqual({
      id: windowId(t0, t0 + 30_000, 'e1'),
      opensAt: t0,
      closesAt: t0 + 30_000,
    });
    expect(eventKey(999, 'z') < eventKey(1000, 'a')).toBe(true);
    expect(parseEventKey('events/not-a-time')).toBeUndefined();
  });
});

describe('planWindows', () => {
  it('lets the first event open a window that later events inside it join', () => {
    const events = Array.from({ length: 50 }, (_, i) => event(i * 200, `e${i}`));
    const windows = plan({ events, now: t0 + 10_000 });
    expect(windows).toHaveLength(1);
    expect(windows[0]).toMatchObject({ opensAt: t0, closesAt: t0 + 30_000, status: 'open', sealed: false });
    expect(windows[0]?.eventKeys).toHaveLength(50);
  });

  it('opens a second window for the first event after the first one closed', () => {
    const windows = plan({
      events: [event(0, 'a'), event(29_999, 'b'), event(30_000, 'c')],
      now: t0 + 40_000,
    });
    expect(windows.map((w) => [w.opensAt - t0, w.eventKeys.length, w.status])).toEqual([
      [0, 2, 'due'],
      [30_000, 1, 'open'],
    ]);
  });

  it('derives the same windows whatever order the listing comes in', () => {
    const events = [event(5_000, 'b'), event(0, 'a'), event(40_000, 'c'), event(20_000, 'd')];
    expect(plan({ events: [...events].reverse() })).toEqual(plan({ events }));
  });

  it('moves a window from open to closing to due to built', () => {
    const events = [event(0, 'a')];
    const id = windowId(t0, t0 + 30_000, 'a');
    expect(plan({ events, now: t0 + 29_999 })[0]?.status).toBe('open');
    expect(plan({ events, now: t0 + 31_000 })[0]?.status).toBe('closing');
    expect(plan({ events, now: t0 + 32_000 })[0]?.status).toBe('due');
    expect(plan({ events, now: t0 + 32_000, built: new Set([id]) })[0]?.status).toBe('built');
  });

  it('keeps a sealed window fixed: a late event stamped inside it joins it, even one stamped earlier', () => {
    const sealed = [
      { id: windowId(t0 + 1_000, t0 + 31_000, 'b'), opensAt: t0 + 1_000, closesAt: t0 + 31_000 },
    ];
    const windows = plan({ events: [event(1_000, 'b'), event(20_000, 'late'), event(500, 'early')], sealed });
    expect(windows.map((w) => [w.id, w.eventKeys.length, w.sealed])).toEqual([
      [windowId(t0 + 500, t0 + 30_500, 'early'), 1, false],
      [sealed[0]?.id, 2, true],
    ]);
  });
});

describe('electClaim', () => {
  const claim = (claimantId: string, offsetMs: number) => ({
    windowId: 'w',
    claimantId,
    claimedAt: t0 + offsetMs,
  });

  it('elects the earliest live claim, breaking ties by claimant id', () => {
    expect(electClaim([claim('b', 10), claim('c', 5), claim('a', 10)], t0 + 20, 60_000)).toEqual(
      claim('c', 5),
    );
    expect(electClaim([claim('b', 10), claim('a', 10)], t0 + 20, 60_000)).toEqual(claim('a', 10));
  });

  it('ignores claims whose lease ran out', () => {
    expect(electClaim([claim('dead', 0), claim('live', 50_000)], t0 + 60_000, 60_000)).toEqual(
      claim('live', 50_000),
    );
    expect(electClaim([], t0, 60_000)).toBeUndefined();
  });
});
