import type { Campaign } from '../../schemas/campaign.ts';
import type { LaunchForecast, LaunchTicket } from '../../schemas/launch-forecast.ts';
import type { MappedCampaign } from '../campaigns/map-campaigns.ts';
import { arrivedBy, estimateTraffic } from '../campaigns/traffic-model.ts';
import { MINUTE_MS } from './minute-series.ts';

/** The build's side: each campaign's forecast from its launch ticket (src/lib/campaigns/traffic-model.ts). */
export function launchForecastsOf(campaigns: readonly MappedCampaign[]): LaunchForecast[] {
  return campaigns.map(({ campaign }) => {
    const estimate = estimateTraffic(campaign);
    return {
      key: campaign.key,
      name: campaign.name,
      launchAt: new Date(Date.parse(campaign.launchAt)).toISOString(),
      endAt: new Date(Date.parse(campaign.endAt)).toISOString(),
      forms: campaign.forms,
      peakLeadsPerSecond: Number.isFinite(estimate.peakLeadsPerSecond) ? estimate.peakLeadsPerSecond : 0,
      timeConstantSeconds: estimate.timeConstantSeconds,
      leadsSource: estimate.leadsSource,
      ticket: launchTicketOf(campaign),
    };
  });
}

/** The ticket without its owner and contact, target pages as slugs (`LaunchTicketSchema`). */
export function launchTicketOf(campaign: Campaign): LaunchTicket {
  const { owner: _owner, contact: _contact, targetPages, ...ticket } = campaign;
  return { ...ticket, targetPages: targetPages.map(({ slug }) => ({ slug })) };
}

/** Campaigns running at `now` (launched, not ended), latest launch first. */
export const runningForecasts = (forecasts: readonly LaunchForecast[], now: number): LaunchForecast[] =>
  forecasts
    .filter((forecast) => Date.parse(forecast.launchAt) <= now && now < Date.parse(forecast.endAt))
    .sort((a, b) => Date.parse(b.launchAt) - Date.parse(a.launchAt));

/**
 * Leads the ticket forecasts between `from` and `to` (ms): the integral of the modelled arrival
 * rate peak·e^(−t/τ) from the launch, nothing before it or after the campaign's end.
 */
export function forecastBetween(forecast: LaunchForecast, from: number, to: number): number {
  const launch = Date.parse(forecast.launchAt);
  const end = Date.parse(forecast.endAt);
  const seconds = (at: number) => (Math.min(Math.max(at, launch), end) - launch) / 1000;
  const { peakLeadsPerSecond: peak, timeConstantSeconds: tau } = forecast;
  return Math.max(0, arrivedBy(peak, tau, seconds(to)) - arrivedBy(peak, tau, seconds(from)));
}

/** The forecast for each minute starting at `minutes` (ms, the chart's minutes). */
export const forecastPerMinute = (forecast: LaunchForecast, minutes: readonly number[]): number[] =>
  minutes.map((minute) => forecastBetween(forecast, minute, minute + MINUTE_MS));
