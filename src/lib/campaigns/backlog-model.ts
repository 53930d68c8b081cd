import { arrivalRateAt, arrivedBy } from './traffic-model.ts';

/** How fast the delivery worker feeds the CRM. */
export interface DeliveryPace {
  /** `LEADS_DELIVERY_RATE`: leads per second while a worker runs. */
  ratePerSecond: number;
  /** Share of the time a worker is draining: its time budget per run over the schedule interval. */
  dutyCycle: number;
  /** How often the worker starts; a lead that arrives just after a run waits up to this long. */
  scheduleIntervalSeconds: number;
}

/** The queue a campaign's launch wave builds up, and how long it takes to clear. */
export interface BacklogEstimate {
  /** Leads per second the worker sustains on average: rate × duty cycle. */
  effectiveRatePerSecond: number;
  /** Leads waiting at the worst moment (0 when the worker keeps up from the start). */
  peakBacklog: number;
  /** When the worst moment comes, in seconds after launch. */
  peakBacklogAtSeconds: number;
  /** From the worst moment until the queue is empty. */
  drainSeconds: number;
  /** Launch until the CRM has every lead of the launch wave (then leads go straight through). */
  caughtUpAfterSeconds: number;
  /** The longest any lead waits between its 202 and the CRM. */
  maxLeadDelaySeconds: number;
}

/** Smallest x in [low, high] with `isAbove(x)` true, for a predicate that flips once. */
function bisect(low: number, high: number, isAbove: (x: number) => boolean): number {
  for (let step = 0; step < 100 && high - low > 1e-9 * Math.max(1, high); step++) {
    const middle = (low + high) / 2;
    if (isAbove(middle)) high = middle;
    else low = middle;
  }
  return high;
}

/**
 * A fluid queue: leads arrive at `peak`·e^(−t/τ) and leave at a constant μ. Because arrivals only
 * ever slow down, the backlog is simply max(0, arrived(t) − μt) until it first empties.
 */
export function estimateBacklog(peak: number, tau: number, pace: DeliveryPace): BacklogEstimate {
  const mu = pace.ratePerSecond * pace.dutyCycle;
  const wait = pace.scheduleIntervalSeconds;
  if (peak <= mu) {
    return {
      effectiveRatePerSecond: mu,
      peakBacklog: 0,
      peakBacklogAtSeconds: 0,
      drainSeconds: 0,
      caughtUpAfterSeconds: wait,
      maxLeadDelaySeconds: wait,
    };
  }
  // Arrivals fall to μ at t*; the backlog grows until then and shrinks after.
  const peakAt = tau * Math.log(peak / mu);
  const backlogAt = (t: number) => arrivedBy(peak, tau, t) - mu * t;
  const peakBacklog = backlogAt(peakAt);
  // Everything that will ever arrive (peak·τ) is delivered by peak·τ/μ at the latest.
  const emptyAt = bisect(peakAt, (peak * tau) / mu, (t) => backlogAt(t) <= 0);
  return {
    effectiveRatePerSecond: mu,
    peakBacklog,
    peakBacklogAtSeconds: peakAt,
    drainSeconds: emptyAt - peakAt,
    caughtUpAfterSeconds: emptyAt + wait,
    maxLeadDelaySeconds: peakBacklog / mu + wait,
  };
}

/**
 * The lowest `LEADS_DELIVERY_RATE` that keeps every lead's wait within `maxDelaySeconds`, or
 * undefined when no rate can (the schedule interval alone is longer).
 */
export function rateForMaxDelay(
  peak: number,
  tau: number,
  pace: DeliveryPace,
  maxDelaySeconds: number,
): number | undefined {
  if (maxDelaySeconds <= pace.scheduleIntervalSeconds) return undefined;
  const delayAt = (rate: number) =>
    estimateBacklog(peak, tau, { ...pace, ratePerSecond: rate }).maxLeadDelaySeconds;
  const enough = peak / pace.dutyCycle;
  return bisect(enough * 1e-6, enough, (rate) => delayAt(rate) <= maxDelaySeconds);
}

/** One point of the expected launch wave, for charts. */
export interface BacklogPoint {
  seconds: number;
  arrivalsPerSecond: number;
  deliveriesPerSecond: number;
  backlog: number;
}

/** The launch wave sampled at `points` instants over `horizonSeconds`. */
export function backlogSeries(
  peak: number,
  tau: number,
  pace: DeliveryPace,
  horizonSeconds: number,
  points = 120,
): BacklogPoint[] {
  const mu = pace.ratePerSecond * pace.dutyCycle;
  const { caughtUpAfterSeconds, peakBacklog } = estimateBacklog(peak, tau, pace);
  const emptyAt = peakBacklog > 0 ? caughtUpAfterSeconds - pace.scheduleIntervalSeconds : 0;
  return Array.from({ length: points + 1 }, (_, index) => {
    const seconds = (horizonSeconds * index) / points;
    const arrivalsPerSecond = arrivalRateAt(peak, tau, seconds);
    const backlog = seconds < emptyAt ? Math.max(0, arrivedBy(peak, tau, seconds) - mu * seconds) : 0;
    return {
      seconds,
      arrivalsPerSecond,
      deliveriesPerSecond: backlog > 0 ? mu : Math.min(mu, arrivalsPerSecond),
      backlog,
    };
  });
}
