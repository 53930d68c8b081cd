import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorkerLoop } from './worker-loop.ts';
import { createDeliveryWorker } from '../../src/lib/delivery/delivery-worker.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import type { OwnedSqlClient } from '../../src/lib/db/sql-client.ts';
import { DEV_CRM_WEBHOOK_SECRET, DeliveryEnvSchema } from '../../src/schemas/delivery-env.ts';
import { startDevCrm, type DevCrm } from '../dev-crm/dev-crm.ts';
import { connectToUrl, openScriptDatabase } from '../lib/local-database.ts';
import { startServerProcess } from '../lib/server-process.ts';
import { defaultFormRulesFile } from '../../src/lib/leads/form-rules-source.ts';

/** What a load test runs against, what it can see of it, and how to tear it down. */
export interface SystemUnderTest {
  baseUrl: string;
  /** `local`, or the origin of the site under test. */
  target: string;
  /** The lead database, when it can be read (always locally; remotely with `NETLIFY_DB_URL`). */
  db: OwnedSqlClient | undefined;
  /** The dev CRM the local worker delivers to; undefined when the CRM is not ours to read. */
  crm: DevCrm | undefined;
  stop(): Promise<void>;
}

/**
 * The built site on the local server (its own process, its database in a throwaway directory), and,
 * unless `worker` is false, the delivery worker draining into a dev CRM at `LEADS_DELIVERY_RATE`.
 */
export async function startLocalSystem(options: { worker: boolean }): Promise<SystemUnderTest> {
  if (!existsSync(defaultFormRulesFile)) throw new Error('no built site in dist/: run `npm run build` first');
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
  };
  try {
    const databaseDirectory = await mkdtemp(join(tmpdir(), 'floodgate-loadtest-'));
    stops.push(() => rm(databaseDirectory, { recursive: true, force: true }));
    // Every request comes from this one machine: lift the per-IP limit, which would otherwise
    // answer 429 to what stands for thousands of visitors. The fill-time check stays on; the
    // submissions carry human fill times.
    const server = await startServerProcess(
      'scripts/loadtest/loadtest-server.ts',
      join(databaseDirectory, 'db'),
      {
        ...process.env,
        LEADS_RATE_LIMIT_PER_MINUTE: '100000000',
      },
    );
    stops.push(() => server.stop());
    const db = connectToUrl(server.database.url, { describe: 'the load test database' });
    stops.push(() => db.close());
    if (!options.worker) return { baseUrl: server.url, target: 'local', db, crm: undefined, stop };
    const crm = await startDevCrm({ secret: DEV_CRM_WEBHOOK_SECRET });
    stops.push(() => crm.close());
    const env = parseEnv(DeliveryEnvSchema, process.env, 'the load test delivery worker');
    const worker = startWorkerLoop(
      createDeliveryWorker({
        db,
        env,
        crm: { url: crm.webhookUrl, secret: DEV_CRM_WEBHOOK_SECRET },
        log: () => {},
      }),
      { onError: (error) => console.error(`worker: ${String(error)}`) },
    );
    stops.push(() => worker.stop());
    console.log(`delivery worker: ${env.LEADS_DELIVERY_RATE} leads/s to the dev CRM at ${crm.url}/`);
    return { baseUrl: server.url, target: 'local', db, crm, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A site already running at `url`: `npm start` on loopback (its database is the local one) or a
 * deployed site, whose queue can be read only with its `NETLIFY_DB_URL`.
 */
export async function openRemoteSystem(url: string, remote: boolean): Promise<SystemUnderTest> {
  const base = { baseUrl: url, target: new URL(url).origin, crm: undefined };
  if (!remote || process.env.NETLIFY_DB_URL) {
    const db = await openScriptDatabase();
    console.log(`watching and auditing the lead queue of ${db.describe}`);
    return { ...base, db, stop: () => db.close() };
  }
  console.warn('no NETLIFY_DB_URL: the queue will not be watched or audited');
  return { ...base, db: undefined, stop: async () => {} };
}
