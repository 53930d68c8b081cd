import { describe, expect, it } from 'vitest';
import { accountPace } from '../../bench/lib/pace-windows.ts';

const at = (ms: number, outcome = 'recorded') => ({ at: ms, outcome });

describe("bench:lanes' pace account, from the CRM's arrival times", () => {
  it('counts the windows from the first recorded lead and sets the start-up second apart', () => {
    // 10 s of windows from t = 5,000: 50 leads in the first second, 100 a second after, then a tail.
    const arrivals = [
      ...Array.from({ length: 50 }, (_, i) => at(5_000 + i * 20)),
      ...Array.from({ length: 900 }, (_, i) => at(6_000 + i * 10)),
      ...Array.from({ length: 100 }, (_, i) => at(15_000 + i * 10)),
    ];
    const account = accountPace(arrivals, 10);
    expect(account.achieved).toBe(95);
    expect(account.firstSecond).toBe(50);
    expect(account.steadyPerSecond).toBe(100);
    expect(account.calls).toEqual({ all: 1_050, inWindows: 950, afterWindows: 100, notRecorded: 0 });
  });

  it('counts calls the CRM did not record as new apart, never as deliveries', () => {
    const arrivals = [at(0), at(10, 'duplicate'), at(20, 'fault'), at(30)];
    expect(accountPace(arrivals, 10)).toMatchObject({
      achieved: 0.2,
      calls: { all: 4, inWindows: 2, afterWindows: 0, notRecorded: 2 },
    });
  });

  it('reports nothing achieved when nothing arrived', () => {
    expect(accountPace([], 10)).toMatchObject({ achieved: 0, firstSecond: 0, steadyPerSecond: 0 });
  });
});
