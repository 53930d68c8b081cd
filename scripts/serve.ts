/**
 * `npm start`: serve the built site, its functions and Netlify Database on localhost through
 * Netlify's local emulation, plus a dev CRM and a local delivery worker, so a lead travels
 * form → queue → "CRM". `NETLIFY_DB_URL` swaps the embedded database for a PostgreSQL of yours.
 * Usage: npm start (builds first) · npm run serve -- --port 8888 [--quiet] [--no-worker]
 *   [--database-directory .netlify/db-other] (to run beside `npm run dev`, which has .netlify/db)
 * `--no-worker` serves the site alone: leads stay in the queue (end-to-end tests inspect them).
 */
import { parseArgs } from 'node:util';
import type { DeliveryLogLine } from '../src/lib/delivery/delivery-log.ts';
import { DEV_CRM_WEBHOOK_SECRET } from '../src/schemas/delivery-env.ts';
import { parseEnv } from '../src/lib/env/parse-env.ts';
import { startAlertLoop } from '../src/lib/ops/alert-loop.ts';
import { readLaunchFacts } from '../src/lib/ops/launch-facts.ts';
import { bundledLaunchReviews, bundledLaunchSources } from '../src/lib/ops/launch-sources.ts';
import { opsLog } from '../src/lib/ops/ops-log.ts';
import { OpsEnvSchema } from '../src/schemas/ops-env.ts';
import { startAlertInbox } from './dev-crm/alert-inbox.ts';
import { startLocalWorker } from './leads/local-worker.ts';
import { netlifyLeadOutbox } from '../src/lib/outbox/outbox-store.ts';
import { nextPort, startDevCrmAt, worthShowing } from './lib/dev-delivery.ts';
import { storeBuiltConsentTexts } from './lib/built-consent-texts.ts';
import { connectToUrl } from './lib/local-database.ts';
import { startLocalServer } from './lib/local-server.ts';
import { localMailOptions } from './lib/dev-mail.ts';
import { startMailCatcher } from './dev-crm/mail-catcher.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8888' },
    quiet: { type: 'boolean', default: false },
    worker: { type: 'boolean', default: true },
    // Where the embedded database lives (default .netlify/db, where the ops scripts look).
    'database-directory': { type: 'string' },
  },
  allowNegative: true,
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  throw new Error(`--port must be a port number, got "${values.port}"`);

const server = await startLocalServer({
  port,
  databaseUrl: process.env.NETLIFY_DB_URL || undefined,
  databaseDirectory: values['database-directory'],
  onRequest: values.quiet
    ? undefined
    : ({ method, path, status, servedBy, ms }) =>
        console.log(`${method} ${path} ${status} ${servedBy} ${ms.toFixed(1)} ms`),
});

const stops: (() => Promise<void>)[] = [];
if (values.worker) {
  const secret = process.env.CRM_WEBHOOK_SECRET || DEV_CRM_WEBHOOK_SECRET;
  // Confirmation mails go to a real SMTP server on loopback unless SMTP_URL names another.
  const catcher = process.env.SMTP_URL
    ? undefined
    : await startMailCatcher({ port: Number(process.env.DEV_SMTP_PORT) || 0 });
  const crm = await startDevCrmAt(Number(process.env.DEV_CRM_PORT) || nextPort(port), secret, catcher);
  const log = (line: DeliveryLogLine) => {
    if (!values.quiet && worthShowing(line)) console.log(`[worker] ${JSON.stringify(line)}`);
  };
  const db = connectToUrl(server.database.url, { describe: 'the local server database' });
  // The build's consent texts, kept before the local worker delivers anything (docs/consent.md).
  await storeBuiltConsentTexts(db, console.log);
  const worker = startLocalWorker({
    db,
    crm: { url: crm.webhookUrl, secret },
    intervalMs: 3_000,
    log,
    // Leads the intake put in Blobs while the database was away (NetlifyDev's Blobs emulation,
    // in this process) go into the queue before each run, then out to the CRM.
    outbox: netlifyLeadOutbox(),
    say: {
      info: (line) => {
        if (!values.quiet) console.log(`[outbox] ${line}`);
      },
      error: (line) => console.error(`[outbox] ${line}`),
    },
    mail: localMailOptions(server.url, catcher),
  });
  console.log(`Dev CRM at ${crm.url}/ · the local worker delivers queued leads to it every 3 s`);
  if (catcher) console.log(`Mail at ${crm.url}/mail · caught by the local SMTP server ${catcher.smtpUrl}`);
  // Alerts as the minute schedule sends them in production: to ALERT_WEBHOOK_URL when set, else to
  // a local inbox that verifies each signature and lists what arrived.
  const inbox = process.env.ALERT_WEBHOOK_URL ? undefined : await startAlertInbox({ secret });
  const opsEnv = parseEnv(
    OpsEnvSchema,
    inbox
      ? { ...process.env, ALERT_WEBHOOK_URL: `${inbox.url}/alerts`, ALERT_WEBHOOK_SECRET: secret }
      : process.env,
    'npm start (alerts)',
  );
  // The build's tickets and content report, and the Blobs outbox (this process hosts the functions).
  const launch = bundledLaunchSources(db, opsLog());
  const alerts = startAlertLoop({
    db,
    env: opsEnv,
    siteUrl: server.url,
    launchFacts: (now) => readLaunchFacts(launch, now),
    // The built tickets' reviews: sent once to the alert inbox (again after a ticket changes).
    reviews: bundledLaunchReviews(opsLog()),
  });
  if (inbox)
    console.log(`Alert inbox at ${inbox.url}/ · rules evaluated every ${opsEnv.ALERT_EVALUATE_SECONDS} s`);
  stops.push(
    () => alerts.stop(),
    async () => inbox?.close(),
    () => worker.stop(),
    () => db.close(),
    () => crm.close(),
    async () => catcher?.close(),
  );
}
stops.push(() => server.close());
// Last, once everything answers: the functions are loaded warm (no bundling left to do) and the
// database is migrated, so the first request is served at full speed.
console.log(`Floodgate is running at ${server.url}/ (Ctrl+C to stop)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void (async () => {
      for (const stop of stops) await stop().catch((error: unknown) => console.error(error));
      process.exit(0);
    })();
  });
}
