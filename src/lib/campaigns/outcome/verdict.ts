/** One figure the launch is judged by, and whether it met the ticket. */
export interface OutcomeCheck {
  figure: 'peak-vs-forecast' | 'time-to-crm' | 'all-delivered' | 'unavailable' | 'dead-letters';
  met: boolean;
  detail: string;
}

export type OutcomeVerdict = 'met' | 'missed' | 'no-leads';

/** The figures the verdict weighs (seconds, counts), already summed over the scope. */
export interface VerdictInputs {
  submissions: number;
  accepted: number;
  peakPerMinute: number;
  /** Undefined outside a campaign or when the ticket gives no estimate: no peak check. */
  forecastPerMinute: number | undefined;
  /** The readiness policy's headroom: the peak the launch was prepared for is forecast × headroom. */
  headroom: number;
  deliveredOfWindow: number;
  maxSeconds: number | null;
  maxLeadDelaySeconds: number;
  unavailable: number;
  deadLeft: number;
}

const minutes = (seconds: number) => `${+(seconds / 60).toFixed(1)} min`;

/**
 * Met when every check is: the peak stayed within what readiness prepared for (forecast × headroom),
 * every lead reached the CRM, none waited longer than the policy's maximum delay, no visitor was
 * answered 503, and no dead letter is left. Each missed check names its figure.
 */
export function outcomeVerdict(input: VerdictInputs): { verdict: OutcomeVerdict; checks: OutcomeCheck[] } {
  if (input.submissions === 0) return { verdict: 'no-leads', checks: [] };
  const checks: OutcomeCheck[] = [];
  if (input.forecastPerMinute !== undefined) {
    const prepared = input.forecastPerMinute * input.headroom;
    checks.push({
      figure: 'peak-vs-forecast',
      met: input.peakPerMinute <= prepared,
      detail: `peak ${input.peakPerMinute}/min against a forecast of ${+input.forecastPerMinute.toFixed(1)}/min (prepared for ${+prepared.toFixed(1)}/min at ${input.headroom}× headroom)`,
    });
  }
  const missing = input.accepted - input.deliveredOfWindow;
  checks.push({
    figure: 'all-delivered',
    met: missing <= 0,
    detail:
      missing <= 0
        ? `all ${input.accepted} accepted leads reached the CRM`
        : `${missing} of ${input.accepted} accepted leads have not reached the CRM`,
  });
  if (input.maxSeconds !== null)
    checks.push({
      figure: 'time-to-crm',
      met: input.maxSeconds <= input.maxLeadDelaySeconds,
      detail: `longest wait ${minutes(input.maxSeconds)} (allowed ${minutes(input.maxLeadDelaySeconds)})`,
    });
  checks.push({
    figure: 'unavailable',
    met: input.unavailable === 0,
    detail: `${input.unavailable} submissions answered 503 (site-wide, in the window)`,
  });
  checks.push({
    figure: 'dead-letters',
    met: input.deadLeft <= 0,
    detail: `${Math.max(0, input.deadLeft)} dead letters not redriven`,
  });
  return { verdict: checks.every((check) => check.met) ? 'met' : 'missed', checks };
}
