/** Requests per second of each kind a load test sends at full strength. */
export interface LoadRates {
  pageViewsPerSecond: number;
  leadsPerSecond: number;
}

/** How the load arrives: a ramp-up, then a burst (the moment a send lands), then the peak held. */
export interface LoadShape {
  durationSeconds: number;
  /** From 10% to 100% of the peak rates, linearly. */
  rampSeconds: number;
  /** Right after the ramp, at `burstFactor` × the peak rates. */
  burstSeconds: number;
  burstFactor: number;
}

/** What to send at one tick of the schedule. */
export interface LoadTick {
  atMs: number;
  pageViews: number;
  leads: number;
}

const rampFloor = 0.1;

/** The share of the peak rates the shape asks for `seconds` into the test. */
export function intensityAt(shape: LoadShape, seconds: number): number {
  if (seconds < 0 || seconds >= shape.durationSeconds) return 0;
  if (seconds < shape.rampSeconds) return rampFloor + ((1 - rampFloor) * seconds) / shape.rampSeconds;
  if (seconds < shape.rampSeconds + shape.burstSeconds) return shape.burstFactor;
  return 1;
}

/**
 * The schedule as whole requests per tick. Fractional rates (0.2 leads/s) carry over from tick to
 * tick, so every rate is met on average and the total is exact to within one request.
 */
export function loadTicks(rates: LoadRates, shape: LoadShape, tickMs = 250): LoadTick[] {
  const ticks: LoadTick[] = [];
  let pageCarry = 0;
  let leadCarry = 0;
  for (let atMs = 0; atMs < shape.durationSeconds * 1000; atMs += tickMs) {
    // The middle of the tick, so a ramp is sampled fairly.
    const intensity = intensityAt(shape, (atMs + tickMs / 2) / 1000);
    pageCarry += (rates.pageViewsPerSecond * intensity * tickMs) / 1000;
    leadCarry += (rates.leadsPerSecond * intensity * tickMs) / 1000;
    const pageViews = Math.floor(pageCarry + 1e-9);
    const leads = Math.floor(leadCarry + 1e-9);
    pageCarry -= pageViews;
    leadCarry -= leads;
    ticks.push({ atMs, pageViews, leads });
  }
  return ticks;
}

/** Total requests of each kind the schedule sends. */
export function plannedTotals(ticks: readonly LoadTick[]): { pageViews: number; leads: number } {
  return ticks.reduce(
    (sum, tick) => ({ pageViews: sum.pageViews + tick.pageViews, leads: sum.leads + tick.leads }),
    { pageViews: 0, leads: 0 },
  );
}
