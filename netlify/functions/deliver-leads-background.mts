/**
 * The background drainer: started by an accepted lead (drainer-kick.ts) or the safety-net schedule
 * when leads are due and no drainer holds the lease. It takes the one drainer lease, drains for up
 * to 13 minutes (Netlify allows background functions 15) at the shared pace, and hands over to a
 * fresh drainer if leads are still due. See docs/delivery.md.
 */
import type { Config } from '@netlify/functions';
import {
  isDrainerRequest,
  runBackgroundDrainer,
  standDownDrainer,
  startBackgroundDrain,
} from '../../src/lib/delivery/background-drain.ts';
import { CrmNotConfiguredError, createDeliveryWorker } from '../../src/lib/delivery/delivery-worker.ts';
import { drainTimeBudgetMs } from '../../src/lib/delivery/time-budget.ts';
import { consentTextKeeper } from '../../src/lib/consent/store-consent-texts.ts';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import type { OwnedSqlClient as Database } from '../../src/lib/db/sql-client.ts';
import { configuredHandler } from '../../src/lib/env/configured-handler.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';
import { crmWebhookSecret, DeliveryEnvSchema, type DeliveryEnv } from '../../src/schemas/delivery-env.ts';
import { functionSiteUrl } from '../../src/schemas/function-site-env.ts';
import { moveOutbox } from '../../src/lib/outbox/move-outbox.ts';
import { outboxFailureReporter } from '../../src/lib/outbox/outbox-failure.ts';
import { netlifyLeadOutbox } from '../../src/lib/outbox/outbox-store.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';
import { leadMailOptions } from '../../src/lib/doi/mail-options.ts';
import { MailEnvSchema } from '../../src/schemas/mail-env.ts';
import type { LeadMailOptions } from '../../src/lib/doi/lead-mails.ts';

/** Double opt-in mails (src/lib/doi), with the form texts this deploy's build bundled. */
const mailOptions = (): LeadMailOptions =>
  leadMailOptions(
    parseEnv(MailEnvSchema, process.env, purpose),
    async () => (await import('../../.floodgate/form-rules.json', { with: { type: 'json' } })).default,
    console.error,
  );
import { outboxErasureScreen } from '../../src/lib/privacy/outbox-screen.ts';
import { privacyHashSecret } from '../../src/schemas/privacy-env.ts';

const purpose = 'the background drainer (deliver-leads-background)';
let saidDeliveryIsOff = false;
const reportOutboxFailure = outboxFailureReporter({ info: console.log, error: console.error });

export default secureHandler(
  configuredHandler(purpose, () => {
    const env = parseEnv(DeliveryEnvSchema, process.env, purpose);
    const db = connectDatabase(parseEnv(DatabaseEnvSchema, process.env, purpose));
    // This deploy's consent texts, stored once per instance before it delivers (docs/consent.md).
    const consentTexts = consentTextKeeper({ db, read: readConsentTexts, log: console.warn });
    const mail = mailOptions();
    return (request: Request) => drain(request, env, db, consentTexts, mail);
  }),
);

async function drain(
  request: Request,
  env: DeliveryEnv,
  db: Database,
  consentTexts: { ensure(): Promise<void> },
  mail: LeadMailOptions,
): Promise<Response> {
  const secret = crmWebhookSecret(env);
  if (!isDrainerRequest(request, secret)) return new Response(null, { status: 401 });
  await consentTexts.ensure();
  // Leads the intake put in the outbox while the database was away go into the queue first.
  await moveOutbox({
    outbox: netlifyLeadOutbox(),
    queue: createPostgresLeadQueue({ db, now: Date.now, random: Math.random }),
    log: console.log,
    erasureOf: outboxErasureScreen({ db, secret: privacyHashSecret(env) }),
  }).catch(reportOutboxFailure);
  const siteUrl = functionSiteUrl(env);
  let worker;
  try {
    worker = createDeliveryWorker({ db, env, mail });
  } catch (error) {
    if (!(error instanceof CrmNotConfiguredError)) throw error;
    // An optional feature that is off, not a failure: free the lease at once and say so once.
    await standDownDrainer({ db, now: Date.now, random: Math.random });
    if (!saidDeliveryIsOff)
      console.log(
        'i Lead delivery by the background drainer is off: CRM_WEBHOOK_URL is not set, so leads wait in the queue (`npm start` delivers them with its local worker). To turn it on, set CRM_WEBHOOK_URL and CRM_WEBHOOK_SECRET (see .env.example).',
      );
    saidDeliveryIsOff = true;
    return new Response(null, { status: 204 });
  }
  const outcome = await runBackgroundDrainer({
    db,
    worker,
    budgetMs: drainTimeBudgetMs('background', env),
    now: Date.now,
    random: Math.random,
    trigger: async () => {
      if (!siteUrl) throw new Error('neither DEPLOY_URL, URL nor SITE_URL is set');
      await startBackgroundDrain({ siteUrl, secret, fetch: globalThis.fetch });
    },
  });
  console.log(JSON.stringify({ event: 'drain.background-done', ...outcome }));
  return new Response(null, { status: 204 });
}

const readConsentTexts = async (): Promise<unknown> =>
  (await import('../../.floodgate/consent-texts.json', { with: { type: 'json' } })).default;

export const config: Config = { method: 'POST' };
