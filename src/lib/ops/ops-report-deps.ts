import type { LaunchTicket } from '../../schemas/launch-forecast.ts';
import type { OpsReportDeps } from './handle-ops-report.ts';
import type { LaunchSources } from './launch-facts.ts';

/** The launch tickets in this deploy's bundle; undefined when it carries none (or only forecasts without them). */
export async function bundledTickets(
  launch: Pick<LaunchSources, 'forecasts'>,
): Promise<LaunchTicket[] | undefined> {
  const forecasts = await launch.forecasts();
  if (!forecasts || forecasts.some((forecast) => !forecast.ticket)) return undefined;
  return forecasts.flatMap(({ ticket }) => (ticket ? [ticket] : []));
}

/** The report's dependencies from the launch sources the ops function already holds (one bundle reader). */
export const opsReportDeps = (launch: LaunchSources, token: string, now: () => number): OpsReportDeps => ({
  token,
  now,
  db: launch.db,
  tickets: () => bundledTickets(launch),
  chartJs: async () => (await launch.chartJs?.())?.source,
});
