import { arrivedBy, estimateTraffic, type TrafficInputs } from '../traffic-model.ts';

/** What the launch ticket forecast, per minute from the launch (docs/campaigns.md, traffic model). */
export interface TicketForecast {
  /** Leads expected over the whole campaign. */
  leads: number;
  /** Leads expected in the busiest minute, the first: arrivals decay from the launch. */
  peakPerMinute: number;
  /** Leads expected in each minute after the launch, for `minutes` minutes. */
  perMinute(minutes: number): number[];
}

/** The ticket's forecast, or undefined when its traffic cannot be estimated (the readiness report says why). */
export function ticketForecast(campaign: TrafficInputs): TicketForecast | undefined {
  const traffic = estimateTraffic(campaign);
  const peak = traffic.peakLeadsPerSecond;
  const tau = traffic.timeConstantSeconds;
  if (!(peak > 0) || !Number.isFinite(tau)) return undefined;
  const inMinute = (index: number) =>
    arrivedBy(peak, tau, (index + 1) * 60) - arrivedBy(peak, tau, index * 60);
  return {
    leads: traffic.leads > 0 ? traffic.leads : peak * tau,
    peakPerMinute: inMinute(0),
    perMinute: (minutes) => Array.from({ length: minutes }, (_, index) => inMinute(index)),
  };
}
