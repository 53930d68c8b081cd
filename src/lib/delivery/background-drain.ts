import type { Store } from '@netlify/blobs';
import { hasBackgroundToken, triggerBackgroundFunction } from '../netlify/background-trigger.ts';
import type { StopReason } from './drain.ts';

/** Netlify's default path for a function without `config.path`. */
const BACKGROUND_DRAINER_PATH = '/.netlify/functions/deliver-leads-background';
const purpose = 'drain leads in the background';

/** Whether `request` carries the drainer token (derived from the CRM secret). */
export const isDrainerRequest = (request: Request, secret: string): boolean =>
  hasBackgroundToken(request, secret, purpose);

/**
 * Whether a scheduled run should start the background drainer: continuous delivery is on, the run
 * stopped because its budget ran out (so leads were still due), and no drainer holds the lease.
 * A circuit that is open or a store that fails are reasons to wait, not to add workers.
 */
export function shouldStartBackgroundDrain(input: {
  continuous: boolean;
  stoppedBecause: StopReason | undefined;
  leaseUntil: number | undefined;
  now: number;
}): boolean {
  const leased = input.leaseUntil !== undefined && input.leaseUntil > input.now;
  return input.continuous && input.stoppedBecause === 'time-budget' && !leased;
}

/**
 * "A background drainer is (about to be) running until …", one blob per queue. Written by the
 * scheduled run before it starts one and extended by the drainer itself. Not atomic, and it need
 * not be: two drainers share the pace through the worker registry, so a race costs only a function
 * invocation, never a doubled rate.
 */
export interface DrainerLease {
  read(): Promise<number | undefined>;
  hold(until: number): Promise<void>;
}

export function drainerLease(store: Store, queueName: string): DrainerLease {
  const key = `${queueName}/drainer/lease`;
  return {
    async read() {
      const lease = (await store.get(key, { type: 'json' })) as { until?: unknown } | null;
      return typeof lease?.until === 'number' ? lease.until : undefined;
    },
    hold: async (until) => void (await store.setJSON(key, { until })),
  };
}

/**
 * Start the background drainer on `siteUrl`. A failure only means the backlog drains at the
 * scheduled pace until the next run tries again, so callers report it rather than fail.
 */
export const startBackgroundDrain = (input: {
  siteUrl: string;
  secret: string;
  fetch: typeof globalThis.fetch;
  timeoutMs?: number;
}): Promise<void> => triggerBackgroundFunction({ ...input, path: BACKGROUND_DRAINER_PATH, purpose });
