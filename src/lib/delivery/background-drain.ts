import type { SqlClient } from '../db/sql-client.ts';
import { hasBackgroundToken, triggerBackgroundFunction } from '../netlify/background-trigger.ts';
import { randomToken } from '../queue/random-token.ts';
import type { DeliveryWorker } from './delivery-worker.ts';
import { kickDrainerIfIdle, type KickOutcome } from './drainer-kick.ts';
import { createDrainerLease } from './drainer-lease.ts';
import type { DrainSummary } from './drain.ts';

/** Netlify's default path for a function without `config.path`. */
const BACKGROUND_DRAINER_PATH = '/.netlify/functions/deliver-leads-background';
const purpose = 'drain leads in the background';

/** The drainer's lease: short, so a drainer that dies frees it within two minutes; renewed twice as often. */
export const DRAINER_LEASE_MS = 120_000;
const renewEveryMs = 30_000;

/** Whether `request` carries the drainer token (derived from the CRM secret). */
export const isDrainerRequest = (request: Request, secret: string): boolean =>
  hasBackgroundToken(request, secret, purpose);

/** POST to the background drainer on `siteUrl` (from configuration); Netlify answers 202 at once. */
export const startBackgroundDrain = (input: {
  siteUrl: string;
  secret: string;
  fetch: typeof globalThis.fetch;
  timeoutMs?: number;
}): Promise<void> => triggerBackgroundFunction({ ...input, path: BACKGROUND_DRAINER_PATH, purpose });

export type DrainerOutcome =
  { skipped: 'another drainer holds the lease' } | (DrainSummary & { purged: number; next: KickOutcome });

/**
 * The background drainer's run: take the one drainer lease (or give way to the drainer holding it),
 * drain for `budgetMs` renewing the lease, let go, and when the budget ran out with leads still due
 * start the next drainer at once, so a backlog drains at the full pace without waiting for the schedule.
 */
export async function runBackgroundDrainer(deps: {
  db: SqlClient;
  worker: DeliveryWorker;
  budgetMs: number;
  now: () => number;
  random: () => number;
  trigger: () => Promise<void>;
}): Promise<DrainerOutcome> {
  const { db, now } = deps;
  const lease = createDrainerLease(db);
  const holder = `drainer-${randomToken(deps.random).slice(0, 12)}`;
  const renew = () => lease.hold(holder, now(), now() + DRAINER_LEASE_MS);
  if (!(await renew())) return { skipped: 'another drainer holds the lease' };
  let summary;
  try {
    summary = await deps.worker.run({
      timeBudgetMs: deps.budgetMs,
      whenIdle: 'retries',
      keepAlive: { everyMs: renewEveryMs, renew },
    });
  } finally {
    await lease.release(holder, now());
  }
  const next =
    summary.stoppedBecause === 'time-budget'
      ? await kickDrainerIfIdle({ db, now, trigger: deps.trigger })
      : 'not-needed';
  return { ...summary, next };
}

/**
 * A drainer started with nowhere to deliver (no CRM configured): take the lease (the `starting`
 * reservation its kick made) and let it go at once, so the next lead or schedule is not kept
 * waiting for that reservation to expire. A live drainer's lease is left alone.
 */
export async function standDownDrainer(deps: {
  db: SqlClient;
  now: () => number;
  random: () => number;
}): Promise<void> {
  const lease = createDrainerLease(deps.db);
  const holder = `drainer-${randomToken(deps.random).slice(0, 12)}`;
  if (await lease.hold(holder, deps.now(), deps.now() + DRAINER_LEASE_MS))
    await lease.release(holder, deps.now());
}
