import { createTokenBucket } from './token-bucket.ts';
import type { WorkerRegistry } from './worker-registry.ts';

/** Paces one worker's CRM calls so that all live workers together stay at the configured rate. */
export interface Pacer {
  /** Announce this worker, then wait one heartbeat so running workers shrink their share first. */
  join(): Promise<void>;
  /** Wait for a token; false (nothing taken) when none would come before `deadline`. */
  acquire(deadline: number): Promise<boolean>;
  /** Withdraw, so the others take over this worker's share at their next heartbeat. */
  leave(): Promise<void>;
  /** This worker's current share of the rate, and how many workers it believes are live. */
  share(): { ratePerSecond: number; workers: number };
}

export interface SharedPacerOptions {
  /** `LEADS_DELIVERY_RATE`: leads per second for all workers together. */
  ratePerSecond: number;
  burst: number;
  registry: WorkerRegistry;
  workerId: string;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** How often a worker publishes its heartbeat and recounts its peers. */
  heartbeatMs?: number;
  /** Called when the store fails a heartbeat; the worker keeps its last known share meanwhile. */
  onError?: (error: unknown) => void;
}

/**
 * Why heartbeats and shares, not one shared bucket: a shared bucket needs an atomic
 * read-modify-write on its token count, and the local Blobs server's conditional writes are not
 * atomic (PLATFORM-NOTES), so two workers would both spend the same tokens. Time-slotted
 * reservations have the same problem on each slot. Instead every worker writes only its own
 * heartbeat blob (no write is ever contended), counts the live heartbeats N, and runs a local
 * bucket at rate/N with burst/N. The sum is the configured rate whenever the workers agree on N.
 * They can disagree only for one heartbeat after a change, and both directions are made safe:
 * a joining worker waits one heartbeat before its first call (so running workers have already
 * shrunk), and a worker that leaves or dies makes the others run below the rate until they notice
 * (at most three heartbeats for a crash). Buckets start empty, so a new run adds no burst.
 */
export function createSharedPacer(options: SharedPacerOptions): Pacer {
  const { ratePerSecond, burst, registry, workerId, now, sleep } = options;
  const heartbeatMs = options.heartbeatMs ?? 1_000;
  // A worker that missed three heartbeats is presumed dead and its share is taken back.
  const staleAfterMs = 3 * heartbeatMs;
  let workers = 1;
  let bucket = createTokenBucket({ ratePerSecond, burst, now: now() });
  let lastRefresh = -Infinity;
  let refreshing: Promise<void> | undefined;

  // What all live workers agree on: the lowest configured pace among them, split N ways.
  let shared = { ratePerSecond, burst };
  // This worker's bucket: its equal part of the shared pace, never smaller than one call.
  const mine = () => ({
    ratePerSecond: shared.ratePerSecond / workers,
    burst: Math.max(1, shared.burst / workers),
  });
  const refresh = async () => {
    const at = now();
    lastRefresh = at;
    await registry.beat({ workerId, at, ratePerSecond, burst });
    const live = new Map([[workerId, { ratePerSecond, burst }]]);
    for (const peer of await registry.list()) {
      if (peer.workerId === workerId || at - peer.at > staleAfterMs) continue;
      live.set(peer.workerId, {
        ratePerSecond: peer.ratePerSecond ?? ratePerSecond,
        burst: peer.burst ?? burst,
      });
    }
    workers = live.size;
    // Workers started with different settings (a terminal drain next to the schedule) never add up
    // to more than the most careful of them allows.
    const paces = [...live.values()];
    shared = {
      ratePerSecond: Math.min(...paces.map((pace) => pace.ratePerSecond)),
      burst: Math.min(...paces.map((pace) => pace.burst)),
    };
    const { ratePerSecond: myRate, burst: myBurst } = mine();
    bucket.resize(myRate, myBurst, now());
  };
  const refreshInBackground = () => {
    if (refreshing || now() - lastRefresh < heartbeatMs) return;
    refreshing = refresh()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => (refreshing = undefined));
  };

  return {
    async join() {
      await refresh();
      await sleep(heartbeatMs);
      await refresh();
      // Empty from the moment it may spend: tokens "earned" while joining would be a burst on top.
      bucket = createTokenBucket({ ...mine(), now: now() });
    },
    async acquire(deadline) {
      for (;;) {
        refreshInBackground();
        const at = now();
        const waitMs = bucket.take(at);
        if (waitMs === 0) return true;
        if (at + waitMs > deadline) return false;
        // Wake at least once per heartbeat, so a long wait still publishes and recounts.
        await sleep(Math.min(waitMs, heartbeatMs));
      }
    },
    async leave() {
      await refreshing;
      await registry.leave(workerId).catch((error: unknown) => options.onError?.(error));
    },
    share: () => ({ ratePerSecond: shared.ratePerSecond / workers, workers }),
  };
}
