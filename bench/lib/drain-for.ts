import { connectToUrl } from '../../scripts/lib/local-database.ts';
import { startDevCrm } from '../../scripts/dev-crm/dev-crm.ts';
import { createDeliveryWorker } from '../../src/lib/delivery/delivery-worker.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { DeliveryEnvSchema } from '../../src/schemas/delivery-env.ts';

const secret = 'bench-queue-secret-at-least-32-characters';

/**
 * Run the project's delivery worker, unthrottled, against the queue at `url` for `seconds`, into
 * the dev CRM (which verifies each signature and dedups by Idempotency-Key). Returns what arrived.
 */
export async function drainFor(url: string, seconds: number, onProgress?: (line: string) => void) {
  const db = connectToUrl(url, { max: 8, describe: 'bench' });
  const crm = await startDevCrm({ secret });
  const env = parseEnv(
    DeliveryEnvSchema,
    {
      CRM_WEBHOOK_URL: crm.webhookUrl,
      CRM_WEBHOOK_SECRET: secret,
      LEADS_DELIVERY_RATE: '1000',
      LEADS_DELIVERY_BURST: '1000',
      LEADS_DELIVERY_CONCURRENCY: '32',
      LEADS_DELIVERY_TIME_BUDGET_MS: String(Math.min(25_000, seconds * 1000)),
    },
    'bench:queue',
  );
  try {
    const worker = createDeliveryWorker({ db, env, log: () => {} });
    const started = performance.now();
    const stopAt = started + seconds * 1000;
    while (performance.now() < stopAt) {
      const left = stopAt - performance.now();
      await worker.run({
        timeBudgetMs: Math.max(1_000, Math.min(25_000, left)),
        whenIdle: 'stop',
        onProgress: (summary) => onProgress?.(`draining: ${summary.delivered} delivered`),
      });
    }
    const elapsed = (performance.now() - started) / 1000;
    const arrivals = crm.arrivals();
    const delivered = crm.received().length;
    return {
      delivered,
      perSecond: delivered / elapsed,
      duplicates: arrivals.filter((arrival) => arrival.outcome === 'duplicate').length,
    };
  } finally {
    await crm.close();
    await db.close();
  }
}
