import type { Store } from '@netlify/blobs';
import { crmWebhookSecret, type DeliveryEnv } from '../../schemas/delivery-env.ts';
import { createSignedWebhookSink } from '../crm/signed-webhook-sink.ts';
import { createBlobsLeadQueue } from '../queue/blobs-lead-queue.ts';
import type { LeadQueue } from '../queue/lead-queue.ts';
import { LEAD_QUEUE_NAME } from '../queue/lead-stores.ts';
import { randomToken } from '../queue/random-token.ts';
import { blobsCircuitStore, blobsWorkerRegistry } from './blobs-delivery-state.ts';
import { errorMessage, jsonLog, type DeliveryLog } from './delivery-log.ts';
import { drain, type DrainOptions, type DrainSummary } from './drain.ts';
import { createSharedCircuit } from './shared-circuit.ts';
import { createSharedPacer } from './shared-pacer.ts';

/** Everything a delivery worker is built from; all but `store` and `env` have real defaults. */
export interface DeliveryWorkerOptions {
  /** The lead store (`getStore({ name: LEAD_STORE_NAME, consistency: 'strong' })` or a script's). */
  store: Store;
  env: DeliveryEnv;
  /** Overrides `CRM_WEBHOOK_URL` / `CRM_WEBHOOK_SECRET`: `npm start` points the worker at its dev CRM. */
  crm?: { url: string; secret: string };
  queueName?: string;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  log?: DeliveryLog;
  /** How often workers publish heartbeats and re-read the circuit (default 1 s). */
  heartbeatMs?: number;
}

/** One run's knobs; the time budget defaults to `LEADS_DELIVERY_TIME_BUDGET_MS`. */
export type DeliveryRunOptions = Partial<
  Pick<DrainOptions, 'timeBudgetMs' | 'whenIdle' | 'shouldStop' | 'onProgress'>
>;

export interface DeliveryWorker {
  queue: LeadQueue;
  /** Drain once, then purge delivered records past the retention window. */
  run(options?: DeliveryRunOptions): Promise<DrainSummary & { purged: number }>;
}

/** `CRM_WEBHOOK_URL` is unset outside production: there is nowhere to deliver to. */
export class CrmNotConfiguredError extends Error {
  override name = 'CrmNotConfiguredError';
}

// Each purge deletes at most this many records, so a long backlog of them never eats a run's budget.
const purgeLimit = 500;
const claimBatch = 100;
const dayMs = 86_400_000;

/**
 * The delivery worker as the scheduled function, `npm run leads:drain`, `npm start` and the
 * benchmark run it: the Blobs queue, the signed webhook, the shared pacer and circuit, from env.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { store, env } = options;
  const url = options.crm?.url ?? env.CRM_WEBHOOK_URL;
  if (!url)
    throw new CrmNotConfiguredError('CRM_WEBHOOK_URL is not set: there is no CRM to deliver leads to');
  const secret = options.crm?.secret ?? crmWebhookSecret(env);
  const queueName = options.queueName ?? LEAD_QUEUE_NAME;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const log = options.log ?? jsonLog();
  const queue = createBlobsLeadQueue({ store, name: queueName, now, random });
  const callTimeoutMs = env.LEADS_DELIVERY_TIMEOUT_MS;
  const sink = createSignedWebhookSink({ url, secret, timeoutMs: callTimeoutMs, fetch: options.fetch, now });
  const onError = (during: string) => (error: unknown) =>
    log({ event: 'store.error', during, error: errorMessage(error) });

  return {
    queue,
    async run(run = {}) {
      const workerId = randomToken(random).slice(0, 12);
      const pacer = createSharedPacer({
        ratePerSecond: env.LEADS_DELIVERY_RATE,
        burst: env.LEADS_DELIVERY_BURST,
        registry: blobsWorkerRegistry(store, queueName),
        workerId,
        now,
        sleep,
        heartbeatMs: options.heartbeatMs,
        onError: onError('heartbeat'),
      });
      const circuit = createSharedCircuit({
        store: blobsCircuitStore(store, queueName),
        policy: {
          failureThreshold: env.LEADS_CIRCUIT_FAILURE_THRESHOLD,
          cooldownMs: env.LEADS_CIRCUIT_COOLDOWN_MS,
          probeTimeoutMs: 2 * callTimeoutMs + 5_000,
        },
        workerId,
        now,
        refreshMs: options.heartbeatMs,
        onError: onError('circuit'),
        onChange: (state) => log({ event: 'circuit', ...state }),
      });
      const retry = {
        maxAttempts: env.LEADS_DELIVERY_MAX_ATTEMPTS,
        baseMs: env.LEADS_DELIVERY_BACKOFF_BASE_MS,
        maxMs: env.LEADS_DELIVERY_BACKOFF_MAX_MS,
      };
      const summary = await drain(
        { queue, sink, circuit, retry, now, random, log, pacer, sleep, workerId },
        {
          concurrency: env.LEADS_DELIVERY_CONCURRENCY,
          claimBatch,
          callTimeoutMs,
          timeBudgetMs: run.timeBudgetMs ?? env.LEADS_DELIVERY_TIME_BUDGET_MS,
          whenIdle: run.whenIdle ?? 'stop',
          shouldStop: run.shouldStop,
          onProgress: run.onProgress,
        },
      );
      const purged = await queue
        .purgeDelivered(now() - env.LEADS_RETENTION_DAYS * dayMs, purgeLimit)
        .catch((error: unknown) => (onError('purging delivered leads')(error), 0));
      return { ...summary, purged };
    },
  };
}
