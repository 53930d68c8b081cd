import type { LaunchForecast } from '../../schemas/launch-forecast.ts';
import type { SqlClient } from '../db/sql-client.ts';
import { forecastBetween, forecastPerMinute, runningForecasts } from './launch-forecast.ts';
import { campaignActualSql } from './launch-sql.ts';
import { MINUTE_MS } from './minute-series.ts';
import { ticketThresholds, type TicketThresholds } from './ticket-thresholds.ts';

/** One running campaign: the ticket's forecast per minute against accepted per minute. */
export interface CampaignVsForecast {
  key: string;
  name: string;
  launchAt: string;
  endAt: string;
  leadsSource: 'model' | 'measured';
  /** ISO minute starts, oldest first (the page's hour). */
  minutes: string[];
  forecast: number[];
  actual: number[];
  /** The last `RECENT_MINUTES` whole minutes (the current one is partial): what `over-forecast` judges. */
  recent: { forecast: number; actual: number };
  /** The ticket's own alert thresholds (src/lib/ops/ticket-thresholds.ts). */
  thresholds?: TicketThresholds;
}

export interface ForecastFacts {
  /** False when this deploy carries no forecasts file (no build, an old build). */
  bundled: boolean;
  running: CampaignVsForecast[];
  /** The next campaign to launch, when none is running. */
  next: { key: string; name: string; launchAt: string } | null;
}

export const RECENT_MINUTES = 5;

/** Forecast vs actual for every campaign running at `now`: one statement, none when nothing runs. */
export async function readForecastFacts(
  db: SqlClient,
  forecasts: readonly LaunchForecast[] | undefined,
  now: number,
  minutes = 60,
): Promise<ForecastFacts> {
  const running = runningForecasts(forecasts ?? [], now);
  const upcoming = (forecasts ?? [])
    .filter((forecast) => Date.parse(forecast.launchAt) > now)
    .sort((a, b) => Date.parse(a.launchAt) - Date.parse(b.launchAt))[0];
  const next = upcoming ? { key: upcoming.key, name: upcoming.name, launchAt: upcoming.launchAt } : null;
  if (running.length === 0) return { bundled: forecasts !== undefined, running: [], next };
  const current = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const starts = Array.from({ length: minutes }, (_, index) => current - (minutes - 1 - index) * MINUTE_MS);
  const campaigns = running.map(({ key, forms }) => ({ key, forms }));
  const { rows } = await db.query<{ key: string; minute: Date; accepted: number }>(campaignActualSql, [
    new Date(starts[0] ?? current),
    JSON.stringify(campaigns),
  ]);
  return {
    bundled: true,
    next,
    running: running.map((forecast) => {
      const byMinute = new Map(
        rows.filter((row) => row.key === forecast.key).map((row) => [row.minute.getTime(), row.accepted]),
      );
      const actual = starts.map((start) => byMinute.get(start) ?? 0);
      const whole = actual.slice(-1 - RECENT_MINUTES, -1);
      return {
        key: forecast.key,
        name: forecast.name,
        launchAt: forecast.launchAt,
        endAt: forecast.endAt,
        leadsSource: forecast.leadsSource,
        minutes: starts.map((start) => new Date(start).toISOString()),
        forecast: forecastPerMinute(forecast, starts),
        actual,
        recent: {
          forecast: forecastBetween(forecast, current - RECENT_MINUTES * MINUTE_MS, current),
          actual: whole.reduce((sum, count) => sum + count, 0),
        },
        thresholds: ticketThresholds(forecast),
      };
    }),
  };
}
