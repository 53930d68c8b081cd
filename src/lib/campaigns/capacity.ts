import type { LeadsBenchResult, LoadTestResult } from '../../schemas/campaign-capacity.ts';

/** How many leads per second the lead endpoint is known to take, and where that number comes from. */
export interface CapacityMeasurement {
  leadsPerSecond: number;
  /** Epoch ms of the measurement. */
  measuredAt: number;
  /** For people: which command measured it. */
  source: string;
  /**
   * `ceiling`: the endpoint's maximum throughput (bench:leads).
   * `sustained`: a rate a load test showed it takes, a lower bound on the maximum.
   */
  kind: 'ceiling' | 'sustained';
  p99Ms: number;
  /** Leads the measurement's own audit found lost or stored twice (must be 0). */
  lost: number;
  duplicates: number;
}

/** The capacity a `bench:leads` result states. */
export function capacityFromBench(result: LeadsBenchResult): CapacityMeasurement {
  return {
    leadsPerSecond: result.endpoint.requestsPerSecond,
    measuredAt: Date.parse(result.measuredAt),
    source: 'npm run bench:leads (bench/results/leads.json)',
    kind: 'ceiling',
    p99Ms: result.endpoint.p99Ms,
    lost: result.burst?.lost ?? 0,
    duplicates: result.burst?.duplicates ?? 0,
  };
}

/** The capacity a load test showed, as a lower bound. */
export function capacityFromLoadTest(result: LoadTestResult): CapacityMeasurement {
  const target = result.target === 'local' ? 'local server' : result.target;
  return {
    leadsPerSecond: result.achievedLeadsPerSecond,
    measuredAt: Date.parse(result.measuredAt),
    source: `npm run loadtest${result.campaign ? ` -- --campaign ${result.campaign}` : ''} (${target})`,
    kind: 'sustained',
    p99Ms: result.leads.latency.p99Ms,
    lost: result.audit?.lost ?? 0,
    duplicates: result.audit?.duplicates ?? 0,
  };
}

/**
 * The capacity to judge campaigns by. Every measurement is a lower bound on what the endpoint can
 * take, but a load test only shows the rate it was asked for; so the bench ceiling counts unless a
 * load test proved more (e.g. one run against production). A newer bench replaces an older one.
 */
export function chooseCapacity(
  ceiling: CapacityMeasurement | undefined,
  sustained: readonly CapacityMeasurement[],
): CapacityMeasurement | undefined {
  const best = sustained.reduce<CapacityMeasurement | undefined>(
    (max, measurement) =>
      max === undefined || measurement.leadsPerSecond > max.leadsPerSecond ? measurement : max,
    undefined,
  );
  if (!ceiling) return best;
  return best && best.leadsPerSecond > ceiling.leadsPerSecond ? best : ceiling;
}
