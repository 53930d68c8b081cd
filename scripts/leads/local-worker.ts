import type { SqlClient } from '../../src/lib/db/sql-client.ts';
import { createDeliveryWorker } from '../../src/lib/delivery/delivery-worker.ts';
import type { DeliveryLog } from '../../src/lib/delivery/delivery-log.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
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
  let stopping = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopping) {
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
