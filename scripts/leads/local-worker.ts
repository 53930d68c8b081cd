import type { SqlClient } from '../../src/lib/db/sql-client.ts';
import { createDeliveryWorker } from '../../src/lib/delivery/delivery-worker.ts';
import type { DeliveryLog } from '../../src/lib/delivery/delivery-log.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { moveOutbox } from '../../src/lib/outbox/move-outbox.ts';
import { outboxFailureReporter } from '../../src/lib/outbox/outbox-failure.ts';
import type { LeadOutbox } from '../../src/lib/outbox/outbox-store.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { DeliveryEnvSchema } from '../../src/schemas/delivery-env.ts';
import type { LeadMailOptions } from '../../src/lib/doi/lead-mails.ts';

export interface LocalWorker {
  /** Finish the run in progress (calls in flight, hand back the rest), then stop. */
  stop(): Promise<void>;
}

/**
 * What the background drainer does in production, on this machine: run the delivery worker
 * against `npm start`'s database every `intervalMs`, delivering to `crm` (the dev CRM). The local
 * emulation never sleeps, so polling costs nothing here; in production leads start the drainer.
 */
export function startLocalWorker(options: {
  /** The local server's database (the emulation at .netlify/db, or NETLIFY_DB_URL). */
  db: SqlClient;
  crm: { url: string; secret: string };
  intervalMs: number;
  log: DeliveryLog;
  /**
   * The fallback outbox (Netlify's Blobs emulation under `npm start`): imported into the queue
   * before each run, as the background drainer does in production, so leads accepted while the
   * database was away are delivered once it is back.
   */
  outbox?: LeadOutbox;
  /** Where the mover's lines go (what it moved; that it could not reach Blobs). */
  say?: { info: (line: string) => void; error: (line: string) => void };
  /** Double opt-in mails: to the local SMTP catcher (scripts/dev-crm/mail-catcher.ts). */
  mail?: LeadMailOptions;
}): LocalWorker {
  const env = parseEnv(DeliveryEnvSchema, process.env, 'the local delivery worker (npm start)');
  const worker = createDeliveryWorker({
    db: options.db,
    env,
    crm: options.crm,
    log: options.log,
    mail: options.mail,
  });
  const say = options.say ?? { info: console.log, error: console.error };
  const reportOutboxFailure = outboxFailureReporter(say);
  const queue = createPostgresLeadQueue({ db: options.db, now: Date.now, random: Math.random });
  let stopping = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopping) {
      if (options.outbox)
        await moveOutbox({ outbox: options.outbox, queue, log: say.info }).catch(reportOutboxFailure);
      await worker
        .run({ timeBudgetMs: env.LEADS_DELIVERY_TIME_BUDGET_MS, shouldStop: () => stopping })
        .catch((error: unknown) => console.error('local delivery worker:', error));
      await new Promise<void>((done) => {
        wake = done;
        setTimeout(done, options.intervalMs);
      });
    }
  })();
  return {
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
