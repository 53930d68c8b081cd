/**
 * `npm start`: serve the built site, its functions and Netlify Database on localhost through
 * Netlify's local emulation, plus a dev CRM and a local delivery worker, so a lead travels
 * form → queue → "CRM". `NETLIFY_DB_URL` swaps the embedded database for a PostgreSQL of yours.
 * Usage: npm start (builds first) · npm run serve -- --port 8888 [--quiet] [--no-worker]
 * `--no-worker` serves the site alone: leads stay in the queue (end-to-end tests inspect them).
 */
import { parseArgs } from 'node:util';
import type { DeliveryLogLine } from '../src/lib/delivery/delivery-log.ts';
import { DEV_CRM_WEBHOOK_SECRET } from '../src/schemas/delivery-env.ts';
import { startDevCrm, type DevCrm } from './dev-crm/dev-crm.ts';
import { startLocalWorker } from './leads/local-worker.ts';
import { connectToUrl } from './lib/local-database.ts';
import { startLocalServer } from './lib/local-server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8888' },
    quiet: { type: 'boolean', default: false },
    worker: { type: 'boolean', default: true },
  },
  allowNegative: true,
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  throw new Error(`--port must be a port number, got "${values.port}"`);

const server = await startLocalServer({
  port,
  databaseUrl: process.env.NETLIFY_DB_URL || undefined,
  onRequest: values.quiet
    ? undefined
    : ({ method, path, status, servedBy, ms }) =>
        console.log(`${method} ${path} ${status} ${servedBy} ${ms.toFixed(1)} ms`),
});
console.log(`Floodgate is running at ${server.url}/ (Ctrl+C to stop)`);

const stops: (() => Promise<void>)[] = [];
if (values.worker) {
  const secret = process.env.CRM_WEBHOOK_SECRET || DEV_CRM_WEBHOOK_SECRET;
  const crm = await startDevCrmNextTo(port, secret);
  // Empty runs every few seconds would flood the terminal: only lines about actual leads are shown.
  const log = (line: DeliveryLogLine) => {
    if (values.quiet || line.event === 'drain.start') return;
    if (line.event === 'drain.end' && line.delivered + line.retried + line.dead === 0) return;
    console.log(`[worker] ${JSON.stringify(line)}`);
  };
  const db = connectToUrl(server.database.url, { describe: 'the local server database' });
  const worker = startLocalWorker({
    db,
    crm: { url: crm.webhookUrl, secret },
    intervalMs: 3_000,
    log,
  });
  console.log(`Dev CRM at ${crm.url}/ · the local worker delivers queued leads to it every 3 s`);
  stops.push(
    () => worker.stop(),
    () => db.close(),
    () => crm.close(),
  );
}
stops.push(() => server.close());

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void (async () => {
      for (const stop of stops) await stop().catch((error: unknown) => console.error(error));
      process.exit(0);
    })();
  });
}

/** The dev CRM on the port after the site's (8889 for 8888), or any free port if that one is taken. */
async function startDevCrmNextTo(sitePort: number, secret: string): Promise<DevCrm> {
  const wanted = sitePort === 0 || sitePort === 65535 ? 0 : sitePort + 1;
  return startDevCrm({ port: wanted, secret }).catch((error: unknown) => {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    return startDevCrm({ port: 0, secret });
  });
}
