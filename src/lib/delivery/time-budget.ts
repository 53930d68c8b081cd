import {
  BACKGROUND_DRAIN_BUDGET_MS,
  BACKGROUND_FUNCTION_LIMIT_MS,
  type DeliveryEnv,
} from '../../schemas/delivery-env.ts';

/** Where a drain runs: Netlify's background function (15 min) or its scheduled function (30 s). */
export type DrainHost = 'background' | 'scheduled';

/**
 * How long a drain may claim leads, from the function it runs in: the background drainer minutes
 * (it must still finish its calls, each up to the call timeout, before Netlify's 15 minutes), the
 * scheduled safety net `LEADS_DELIVERY_TIME_BUDGET_MS` (the schema keeps it and the call timeout
 * under 30 s together). Scripts and benchmarks pass their own budget to `worker.run`.
 */
export function drainTimeBudgetMs(
  host: DrainHost,
  env: Pick<DeliveryEnv, 'LEADS_DELIVERY_TIME_BUDGET_MS' | 'LEADS_DELIVERY_TIMEOUT_MS'>,
): number {
  if (host === 'scheduled') return env.LEADS_DELIVERY_TIME_BUDGET_MS;
  const room = BACKGROUND_FUNCTION_LIMIT_MS - env.LEADS_DELIVERY_TIMEOUT_MS - 60_000;
  return Math.min(BACKGROUND_DRAIN_BUDGET_MS, room);
}
