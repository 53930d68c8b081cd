import { crmWebhookSecret, type DeliveryEnv } from '../../schemas/delivery-env.ts';
import { createSignedWebhookSink } from '../crm/signed-webhook-sink.ts';
import type { SqlClient } from '../db/sql-client.ts';
import type { LeadQueue } from '../queue/lead-queue.ts';
import { createPostgresLeadQueue } from '../queue/postgres-lead-queue.ts';
import { randomToken } from '../queue/random-token.ts';
import { createSharedCircuit } from './database-circuit.ts';
import { createDeliveryGate } from './delivery-gate.ts';
import { errorMessage, jsonLog, type DeliveryLog } from './delivery-log.ts';
import { nextClaimableDueSql } from '../queue/lane-sql.ts';
import { privacyHashSecret } from '../../schemas/privacy-env.ts';
import { withErasureScreen } from '../privacy/erasure-screen.ts';
import { privacyUpkeep, type PrivacyUpkeep } from '../privacy/privacy-upkeep.ts';
import { drain, type DrainOptions, type DrainSummary } from './drain.ts';
import {
  runLeadMails,
  startLeadMailLoop,
  type LeadMailOptions,
  type LeadMailSummary,
} from '../doi/lead-mails.ts';

/** Everything a delivery worker is built from; all but `db` and `env` have real defaults. */
export interface DeliveryWorkerOptions {
  /** The database holding the queue and the pace, breaker and lease rows (`connectDatabase(env)`). */
  db: SqlClient;
  env: DeliveryEnv;
  /** Overrides `CRM_WEBHOOK_URL` / `CRM_WEBHOOK_SECRET`: `npm start` points the worker at its dev CRM. */
  crm?: { url: string; secret: string };
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  log?: DeliveryLog;
  /** Most leads claimed in one statement (default: a tenth of a second of pace, 100 to 1,000). */
  claimBatch?: number;
  /** Double opt-in mails (src/lib/doi): sent around each drain when given. */
  mail?: LeadMailOptions;
}

/** One run's knobs; the time budget defaults to `LEADS_DELIVERY_TIME_BUDGET_MS`. */
export type DeliveryRunOptions = Partial<
  Pick<DrainOptions, 'timeBudgetMs' | 'whenIdle' | 'shouldStop' | 'onProgress' | 'keepAlive'>
>;

export interface DeliveryWorker {
  queue: LeadQueue;
  /** Drain once, then purge delivered records past the retention window. */
  run(
    options?: DeliveryRunOptions,
  ): Promise<DrainSummary & { purged: number; mails?: LeadMailSummary; privacy: PrivacyUpkeep }>;
}

/** `CRM_WEBHOOK_URL` is unset outside production: there is nowhere to deliver to. */
export class CrmNotConfiguredError extends Error {
  override name = 'CrmNotConfiguredError';
}

/**
 * One claim is in flight at a time, so a worker delivers at most batch ÷ the claim's round trip:
 * 100 leads per claim cap it at 2,000/s once a claim takes 50 ms (a busy event loop or database).
 * A batch of a tenth of a second of pace keeps that bound at or above the pace while a claim takes
 * under 100 ms; the leads claimed ahead wait about that long for their tokens.
 */
export const defaultClaimBatch = (ratePerSecond: number): number =>
  Math.min(1_000, Math.max(100, Math.ceil(ratePerSecond / 10)));

// Each purge deletes at most this many records, so a long backlog of them never eats a run's budget.
const purgeLimit = 500;
const dayMs = 86_400_000;

/**
 * The delivery worker as the background drainer, the scheduled run, `npm run leads:drain`,
 * `npm start` and the benchmark run it: the Postgres queue, the signed webhook, and the pace and
 * breaker rows every worker shares, from env.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { db, env } = options;
  const url = options.crm?.url ?? env.CRM_WEBHOOK_URL;
  if (!url)
    throw new CrmNotConfiguredError('CRM_WEBHOOK_URL is not set: there is no CRM to deliver leads to');
  const secret = options.crm?.secret ?? crmWebhookSecret(env);
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const log = options.log ?? jsonLog();
  const secretForErasures = privacyHashSecret(env);
  const queue = withErasureScreen(
    createPostgresLeadQueue({ db, now, random, laneShares: env.LEADS_LANE_SHARES }),
    { db, secret: secretForErasures, log },
  );
  const callTimeoutMs = env.LEADS_DELIVERY_TIMEOUT_MS;
  const sink = createSignedWebhookSink({ url, secret, timeoutMs: callTimeoutMs, fetch: options.fetch, now });
  const ratePerSecond = env.LEADS_DELIVERY_RATE;
  const gate = createDeliveryGate({ db, ratePerSecond, burst: env.LEADS_DELIVERY_BURST });
  const circuit = createSharedCircuit({
    db,
    policy: {
      failureThreshold: env.LEADS_CIRCUIT_FAILURE_THRESHOLD,
      cooldownMs: env.LEADS_CIRCUIT_COOLDOWN_MS,
      probeTimeoutMs: 2 * callTimeoutMs + 5_000,
    },
  });
  const nextDueAt = async () =>
    (await db.query<{ next_due: Date | null }>(nextClaimableDueSql)).rows[0]?.next_due?.getTime() ??
    undefined;
  const retry = {
    maxAttempts: env.LEADS_DELIVERY_MAX_ATTEMPTS,
    baseMs: env.LEADS_DELIVERY_BACKOFF_BASE_MS,
    maxMs: env.LEADS_DELIVERY_BACKOFF_MAX_MS,
  };

  return {
    queue,
    async run(run = {}) {
      const workerId = randomToken(random).slice(0, 12);
      const mailDeps = { db, now, random, log, retry, mail: options.mail };
      // Confirmation mails at once and every few seconds while the drain runs (it may take minutes):
      // a visitor is waiting for one.
      const mailLoop = startLeadMailLoop(mailDeps, sleep);
      const summary = await drain(
        { queue, sink, gate, circuit, retry, now, random, log, sleep, workerId, nextDueAt },
        {
          ratePerSecond,
          concurrency: env.LEADS_DELIVERY_CONCURRENCY,
          claimBatch: options.claimBatch ?? defaultClaimBatch(ratePerSecond),
          callTimeoutMs,
          timeBudgetMs: run.timeBudgetMs ?? env.LEADS_DELIVERY_TIME_BUDGET_MS,
          whenIdle: run.whenIdle ?? 'stop',
          shouldStop: run.shouldStop,
          onProgress: run.onProgress,
          keepAlive: run.keepAlive,
        },
      ).finally(() => mailLoop.stop());
      const mailsBefore = await mailLoop.stop();
      const purged = await queue
        .purgeDelivered(now() - env.LEADS_RETENTION_DAYS * dayMs, purgeLimit)
        .catch((error: unknown) => {
          log({ event: 'store.error', during: 'purging delivered leads', error: errorMessage(error) });
          return 0;
        });
      const mails = await runLeadMails(mailDeps, {
        mailsBefore,
        purgeUnconfirmedBefore: now() - env.LEADS_UNCONFIRMED_RETENTION_DAYS * dayMs,
      });
      const privacy = await privacyUpkeep({
        db,
        url,
        secret,
        timeoutMs: callTimeoutMs,
        fetch: options.fetch,
        now,
        log,
        days: env,
      });
      return { ...summary, purged, mails, privacy };
    },
  };
}
