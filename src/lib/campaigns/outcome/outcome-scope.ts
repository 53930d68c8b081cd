import type { OutcomeScope } from './read-outcome.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const floorMinute = (ms: number) => Math.floor(ms / MINUTE_MS) * MINUTE_MS;
const ceilMinute = (ms: number) => Math.ceil(ms / MINUTE_MS) * MINUTE_MS;

/** `--from`/`--to` as given (epoch ms), and the report's clock. */
export interface WindowOptions {
  from?: number;
  to?: number;
  now: number;
}

/**
 * The minutes a campaign's report covers. Leads: received from its launch to its end (or now, if
 * it is still running), unless `--from`/`--to` say otherwise (a load test run outside the ticket's
 * dates). Their outcomes: until a day after the window, or now, so a backlog draining after the end
 * is counted; with an explicit `--to`, until `--to`. Whole minutes, as the rollups are kept.
 */
export function campaignScope(
  ticket: { launchAt: number; endAt: number; forms: readonly string[] },
  options: WindowOptions,
): OutcomeScope {
  const from = floorMinute(options.from ?? ticket.launchAt);
  const to = Math.max(from, ceilMinute(options.to ?? Math.min(ticket.endAt, options.now)));
  const until = options.to === undefined ? Math.max(to, ceilMinute(Math.min(to + DAY_MS, options.now))) : to;
  return { forms: ticket.forms, from, to, until };
}

/** Leads outside any campaign: forms no ticket names, over `--from`/`--to` or the last 30 days. */
export function unclaimedScope(forms: readonly string[], options: WindowOptions): OutcomeScope {
  const to = ceilMinute(options.to ?? options.now);
  const from = floorMinute(options.from ?? to - 30 * DAY_MS);
  return { forms, from, to, until: options.to === undefined ? ceilMinute(options.now) : to };
}
