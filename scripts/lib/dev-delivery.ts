import type { AstroIntegrationLogger } from 'astro';
import pg from 'pg';
import type { DeliveryLogLine } from '../../src/lib/delivery/delivery-log.ts';
import { migrate } from '../../src/lib/db/migrate.ts';
import { DEV_CRM_WEBHOOK_SECRET } from '../../src/schemas/delivery-env.ts';
import { startDevCrm, type DevCrm, type DevCrmOptions } from '../dev-crm/dev-crm.ts';
import { startLocalWorker } from '../leads/local-worker.ts';
import { resolve } from 'node:path';
import { announceDatabase, connectToUrl, LOCAL_DB_DIRECTORY, type LocalDatabase } from './local-database.ts';

/**
 * Apply the migrations to the database Netlify's Vite plugin started for `astro dev` (its
 * NetlifyDev sets `NETLIFY_DB_URL` in this process and applies none: netlify/primitives
 * packages/dev/src/main.ts, `start()`), before the first request can meet an empty schema.
 */
export async function migrateDevDatabase(
  logger: Pick<AstroIntegrationLogger, 'info' | 'warn'>,
): Promise<LocalDatabase | undefined> {
  if (!process.env.NETLIFY_DB_URL) {
    logger.warn('Netlify Database is not running (see above): forms answer 503 until it does.');
    return undefined;
  }
  const url = withDefaultUser(process.env.NETLIFY_DB_URL);
  // Functions run in fresh workers that copy this process's environment: they get the fixed URL.
  process.env.NETLIFY_DB_URL = url;
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const applied = await migrate(pool).finally(() => pool.end());
  logger.info(
    applied.length
      ? `Applied ${applied.length} migrations to the dev database.`
      : 'Dev database is up to date.',
  );
  // The ops scripts (`npm run leads:status`, …) then read this database instead of opening it twice.
  return announceDatabase(resolve(LOCAL_DB_DIRECTORY), url);
}

/**
 * The dev CRM next to the site and the local worker delivering the queue to it every 3 s, as
 * `npm start` runs them. Returns how to stop both.
 */
export async function startDevDelivery(options: {
  sitePort: number;
  logger: Pick<AstroIntegrationLogger, 'info' | 'warn'>;
}): Promise<() => Promise<void>> {
  const url = process.env.NETLIFY_DB_URL;
  if (!url) return async () => {};
  const secret = process.env.CRM_WEBHOOK_SECRET || DEV_CRM_WEBHOOK_SECRET;
  // One dev CRM for the whole `astro dev` process: Astro restarts its server (and this) after a
  // config change, and the leads received so far, and the CRM's address, should survive that.
  devCrm ??= startDevCrmAt(Number(process.env.DEV_CRM_PORT) || nextPort(options.sitePort), secret);
  const crm = await devCrm;
  const db = connectToUrl(url, { describe: 'the dev server database' });
  const worker = startLocalWorker({
    db,
    crm: { url: crm.webhookUrl, secret },
    intervalMs: 3_000,
    log: (line) => {
      if (worthShowing(line)) options.logger.info(`[worker] ${JSON.stringify(line)}`);
    },
  });
  options.logger.info(`Dev CRM at ${crm.url}/ · the local worker delivers queued leads to it every 3 s`);
  return async () => {
    await worker.stop();
    await db.close();
  };
}

let devCrm: Promise<DevCrm> | undefined;

/** The dev CRM on `port`, or on any free port if that one is taken. */
export async function startDevCrmAt(
  port: number,
  secret: string,
  mailbox?: DevCrmOptions['mailbox'],
): Promise<DevCrm> {
  return startDevCrm({ port, secret, mailbox }).catch((error: unknown) => {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    return startDevCrm({ port: 0, secret, mailbox });
  });
}

/** The port after the site's (8889 for 8888); any free port when there is none. */
export const nextPort = (sitePort: number): number =>
  sitePort === 0 || sitePort === 65535 ? 0 : sitePort + 1;

/** Empty runs every few seconds would flood the terminal: only lines about actual leads. */
export const worthShowing = (line: DeliveryLogLine): boolean =>
  line.event !== 'drain.start' &&
  !(line.event === 'drain.end' && line.delivered + line.retried + line.dead === 0);

/**
 * The URL with a user name. @netlify/vite-plugin 2.12 still ships @netlify/database-dev 0.10, whose
 * `start()` answers `postgres://localhost:<port>/postgres`: node-postgres then sends `$USER`, which
 * containers and CI often do not set, and the emulation refuses the connection ("user is
 * required"). @netlify/database-dev 1.0 names the user (`postgres://postgres@…`), as here.
 */
export function withDefaultUser(url: string): string {
  const parsed = URL.parse(url);
  if (!parsed || parsed.username) return url;
  parsed.username = 'postgres';
  return parsed.href;
}
