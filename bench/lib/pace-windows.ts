interface Arrival {
  at: number;
  outcome: string;
}

/** What a drain achieved against its pace, and where every CRM call of the phase went. */
export interface PaceAccount {
  /** Leads recorded per second over the measured windows, from the first recorded lead: start-up included. */
  achieved: number;
  /** Leads recorded in the first second (the in-flight window ramping up, the first claim). */
  firstSecond: number;
  /** Leads recorded per second after the first second, to the end of the windows. */
  steadyPerSecond: number;
  /** Every call the CRM saw during the phase: inside the windows, after them, and not recorded. */
  calls: { all: number; inWindows: number; afterWindows: number; notRecorded: number };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * The pace of a drain from the CRM's own arrival times. `seconds` are measured from the first
 * recorded lead (a drain runs a little longer than its windows so the last one is full: calls in
 * that tail are counted apart, not as extra deliveries). Calls the CRM did not record as new
 * leads (duplicates, faults) are counted apart too.
 */
export function accountPace(arrivals: readonly Arrival[], seconds: number): PaceAccount {
  const recorded = arrivals.filter((arrival) => arrival.outcome === 'recorded');
  const first = Math.min(...recorded.map((arrival) => arrival.at));
  const end = first + seconds * 1000;
  const inWindows = recorded.filter((arrival) => arrival.at < end).length;
  const firstSecond = recorded.filter((arrival) => arrival.at < first + 1000).length;
  return {
    achieved: recorded.length === 0 ? 0 : round1(inWindows / seconds),
    firstSecond,
    steadyPerSecond: seconds > 1 ? round1((inWindows - firstSecond) / (seconds - 1)) : 0,
    calls: {
      all: arrivals.length,
      inWindows,
      afterWindows: recorded.length - inWindows,
      notRecorded: arrivals.length - recorded.length,
    },
  };
}
