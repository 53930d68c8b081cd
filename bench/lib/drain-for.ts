import { connectToUrl } from '../../scripts/lib/local-database.ts';
import { startDevCrm } from '../../scripts/dev-crm/dev-crm.ts';
import { createDeliveryWorker } from '../../src/lib/delivery/delivery-worker.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { DeliveryEnvSchema } from '../../src/schemas/delivery-env.ts';

const secret = 'bench-queue-secret-at-least-32-characters';
/** "Unthrottled": a pace and burst no loopback CRM reaches, so the drain shows what the code does. */
const unthrottled = '100000';

/**
 * Run the project's delivery worker, unthrottled, against the queue at `url` until it is empty or
 * `seconds` have passed, into the dev CRM (which verifies each signature and dedups by
 * Idempotency-Key). The rate is the drain's own: deliveries over the time from the worker's start
 * to the last delivery, never over the rest of the window once the queue is empty.
 */
export async function drainFor(url: string, seconds: number, onProgress?: (line: string) => void) {
  const db = connectToUrl(url, { max: 8, describe: 'bench' });
  const crm = await startDevCrm({ secret });
  // A benchmark is neither of Netlify's functions: its budget is passed to each run, and the
  // scheduled function's LEADS_DELIVERY_TIME_BUDGET_MS (< 30 s with the call timeout) stays unset.
  const env = parseEnv(
    DeliveryEnvSchema,
    {
      CRM_WEBHOOK_URL: crm.webhookUrl,
      CRM_WEBHOOK_SECRET: secret,
      LEADS_DELIVERY_RATE: unthrottled,
      LEADS_DELIVERY_BURST: unthrottled,
      LEADS_DELIVERY_CONCURRENCY: '64',
    },
    'bench:queue',
  );
  try {
    const worker = createDeliveryWorker({ db, env, log: () => {} });
    const started = performance.now();
    const stopAt = started + seconds * 1000;
    let lastDeliveryAt = started;
    let delivered = 0;
    for (let left = stopAt - started; left > 0; left = stopAt - performance.now()) {
      const summary = await worker.run({
        timeBudgetMs: Math.max(1_000, left),
        whenIdle: 'stop',
        onProgress: (progress) => {
          lastDeliveryAt = performance.now();
          onProgress?.(`draining: ${delivered + progress.delivered} delivered`);
        },
      });
      delivered += summary.delivered;
      if (summary.stoppedBecause === 'empty') break;
    }
    const drainSeconds = (lastDeliveryAt - started) / 1000;
    const arrivals = crm.arrivals();
    const received = crm.received().length;
    return {
      delivered: received,
      drainSeconds,
      perSecond: drainSeconds > 0 ? received / drainSeconds : 0,
      emptied: performance.now() < stopAt,
      duplicates: arrivals.filter((arrival) => arrival.outcome === 'duplicate').length,
    };
  } finally {
    await crm.close();
    await db.close();
  }
}
