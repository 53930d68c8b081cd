import type { DeliveryWorker } from '../../src/lib/delivery/delivery-worker.ts';

/** A delivery worker kept running in this process, and how to stop it. */
export interface WorkerLoop {
  /** Stop claiming, let calls in flight finish, and resolve once the last run has returned. */
  stop(): Promise<void>;
}

/**
 * Run the delivery worker back to back, polling an empty queue, until stopped: the local stand-in
 * for the scheduled function, draining at `LEADS_DELIVERY_RATE` while a load test runs. On Netlify
 * the worker drains only within each minute's time budget (see docs/campaigns.md).
 */
export function startWorkerLoop(
  worker: Pick<DeliveryWorker, 'run'>,
  options: { runBudgetMs?: number; pollMs?: number; onError?: (error: unknown) => void } = {},
): WorkerLoop {
  let stopping = false;
  const loop = (async () => {
    while (!stopping) {
      try {
        await worker.run({
          timeBudgetMs: options.runBudgetMs ?? 10_000,
          whenIdle: { pollMs: options.pollMs ?? 200 },
          shouldStop: () => stopping,
        });
      } catch (error) {
        options.onError?.(error);
        await new Promise((done) => setTimeout(done, 1000));
      }
    }
  })();
  return {
    async stop() {
      stopping = true;
      await loop;
    },
  };
}
