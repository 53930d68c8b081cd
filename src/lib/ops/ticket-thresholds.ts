import type { LaunchForecast, LaunchTicket } from '../../schemas/launch-forecast.ts';

/** A running ticket's own alert thresholds (empty: the ALERT_* configuration, then its default). */
export type TicketThresholds = Pick<LaunchTicket, 'alertOverForecastFactor' | 'alertBacklogClearMinutes'>;

/** What a bundled forecast's ticket sets; nothing for a bundle from before tickets were carried. */
export function ticketThresholds(forecast: LaunchForecast): TicketThresholds {
  const ticket = forecast.ticket;
  return {
    ...(ticket?.alertOverForecastFactor === undefined
      ? {}
      : { alertOverForecastFactor: ticket.alertOverForecastFactor }),
    ...(ticket?.alertBacklogClearMinutes === undefined
      ? {}
      : { alertBacklogClearMinutes: ticket.alertBacklogClearMinutes }),
  };
}

/** `over-forecast` for one campaign: its ticket's factor, else the configured one (ALERT_OVER_FORECAST_FACTOR, default 2). */
export const overForecastFactor = (ticket: TicketThresholds | undefined, configured: number): number =>
  ticket?.alertOverForecastFactor ?? configured;

/**
 * `backlog-deadline` judges the one shared backlog: the tightest deadline a running ticket sets
 * (a launch promising sales its leads within 30 min is not judged by a laxer one), else the
 * configured one (ALERT_BACKLOG_CLEAR_MINUTES, default 60). Answers which ticket set it, if one did.
 */
export function backlogClearMinutes(
  running: readonly { key: string; thresholds?: TicketThresholds }[],
  configured: number,
): { minutes: number; ticket?: string } {
  let chosen: { minutes: number; ticket?: string } = { minutes: configured };
  let fromTicket = false;
  for (const { key, thresholds } of running) {
    const minutes = thresholds?.alertBacklogClearMinutes;
    if (minutes === undefined || (fromTicket && minutes >= chosen.minutes)) continue;
    chosen = { minutes, ticket: key };
    fromTicket = true;
  }
  return chosen;
}
