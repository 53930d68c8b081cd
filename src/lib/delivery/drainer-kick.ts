import type { DrainerTriggerEnv } from '../../schemas/delivery-env.ts';
import type { SqlClient } from '../db/sql-client.ts';
import { STARTING_HOLDER } from './delivery-states.ts';
import { createDrainerLease } from './drainer-lease.ts';

/**
 * How long a kick's reservation holds the lease while the background drainer starts and takes it
 * over. If it never starts, the next lead (or the schedule) tries again after this.
 */
export const KICK_RESERVATION_MS = 60_000;

export type KickOutcome = 'started' | 'not-needed' | 'trigger-failed';

/**
 * Start the background drainer if none is live and a lead is due, in ONE statement (the lease
 * reservation checks both), then trigger it. The intake calls this after accepting a lead, so
 * delivery starts within seconds, while an idle site makes no query at all. A failed trigger gives
 * the reservation back at once, so the next lead tries again.
 */
export async function kickDrainerIfIdle(deps: {
  db: SqlClient;
  now: () => number;
  trigger: () => Promise<void>;
}): Promise<KickOutcome> {
  const at = deps.now();
  if (!(await createDrainerLease(deps.db).reserve(at, at + KICK_RESERVATION_MS))) return 'not-needed';
  return startReservedDrainer(deps);
}

/**
 * Start the background drainer whose lease is already reserved (the intake's enqueue reserves it
 * in its own statement: `reserveDrainerForMs`). A failed trigger gives the reservation back at once,
 * so the next lead tries again.
 */
export async function startReservedDrainer(deps: {
  db: SqlClient;
  now: () => number;
  trigger: () => Promise<void>;
}): Promise<Exclude<KickOutcome, 'not-needed'>> {
  try {
    await deps.trigger();
    return 'started';
  } catch {
    await createDrainerLease(deps.db).release(STARTING_HOLDER, deps.now());
    return 'trigger-failed';
  }
}

/**
 * Whether queued leads may start the background drainer: continuous delivery on, a site URL to
 * reach it at, and a CRM for it to deliver to. Without a CRM every drainer stands down at once and
 * frees the lease, so each next lead started another (bench:leads -- --drainer: one per ~11 leads
 * at full load, each a function call of its own); the schedule's safety net still looks every 10 min.
 */
export const mayStartDrainer = (env: DrainerTriggerEnv, siteUrl: string | undefined): boolean =>
  env.LEADS_DELIVERY_CONTINUOUS && siteUrl !== undefined && env.CRM_WEBHOOK_URL !== undefined;
