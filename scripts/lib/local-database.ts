import { readFile, rm, writeFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { resolve } from 'node:path';
import { NetlifyDB } from '@netlify/database-dev';
import pg from 'pg';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import { migrate } from '../../src/lib/db/migrate.ts';
import { poolClient } from '../../src/lib/db/pool-client.ts';
import type { OwnedSqlClient } from '../../src/lib/db/sql-client.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';

/** Where `npm start` keeps the embedded database: the directory `@netlify/dev` uses too. */
export const LOCAL_DB_DIRECTORY = '.netlify/db';
/** Who has the local database open, and where it answers: `{ url, pid }`. */
const handoffFile = (directory: string) => `${directory}.json`;

/** Netlify's local emulation, started, migrated and announced; `stop` closes it. */
export interface LocalDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Start Netlify's own emulation of Netlify Database (`@netlify/database-dev`: PGlite behind the
 * Postgres wire protocol) on `directory`, apply the migrations, and write `<directory>.json` so ops
 * scripts reach this process instead of opening the files a second time (PGlite allows one owner).
 */
export async function startLocalDatabase(directory: string): Promise<LocalDatabase> {
  await assertDatabaseFree(directory);
  const db = new NetlifyDB({ directory, logger: () => {} });
  const url = await db.start();
  const announced = await adoptLocalDatabase(directory, db, url);
  return {
    url,
    async stop() {
      await announced.stop();
      await db.stop();
    },
  };
}

/** Refuse to open `directory` while another live process serves it (PGlite allows one owner). */
export async function assertDatabaseFree(directory: string): Promise<void> {
  const holder = await liveHolder(directory);
  // This process itself (`astro dev` restarting its server after a config change) is no rival.
  if (holder && holder.pid !== process.pid)
    throw new Error(`${directory} is in use by process ${holder.pid}: stop it first`);
}

/**
 * Make a started emulation (ours, or the one `NetlifyDev` started) ready to serve: Nagle off, the
 * migrations applied, and `<directory>.json` written for the ops scripts. `stop` removes that file
 * only; whoever started the emulation stops it.
 */
export async function adoptLocalDatabase(
  directory: string,
  db: NetlifyDB,
  url: string,
): Promise<LocalDatabase> {
  disableNagle(db);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  await migrate(pool).finally(() => pool.end());
  return announceDatabase(directory, url);
}

/** Write `<directory>.json` so ops scripts reach this process's database; `stop` removes it. */
export async function announceDatabase(directory: string, url: string): Promise<LocalDatabase> {
  await writeFile(handoffFile(directory), JSON.stringify({ url, pid: process.pid }));
  return { url, stop: () => rm(handoffFile(directory), { force: true }) };
}

/** A PostgreSQL of the caller's (`--pg <url>`, `NETLIFY_DB_URL`), migrated; `stop` leaves it running. */
export async function useDatabaseAt(url: string): Promise<LocalDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  await migrate(pool).finally(() => pool.end());
  return { url, stop: async () => {} };
}

/**
 * The database an ops script works on: `NETLIFY_DB_URL` when set (a deployed site's, any
 * PostgreSQL), else the one `npm start` is serving, else the embedded one opened here.
 */
export async function openScriptDatabase(options: { projectRoot?: string } = {}): Promise<OwnedSqlClient> {
  if (process.env.NETLIFY_DB_URL) {
    return connectDatabase(parseEnv(DatabaseEnvSchema, process.env, 'reaching the database'));
  }
  const directory = resolve(options.projectRoot ?? '.', LOCAL_DB_DIRECTORY);
  const running = await liveHolder(directory);
  const local = running ? undefined : await startLocalDatabase(directory);
  const url = running?.url ?? local!.url;
  const client = connectToUrl(url, {
    describe: `local (${LOCAL_DB_DIRECTORY}${running ? `, served by process ${running.pid}` : ''})`,
  });
  return {
    ...client,
    async close() {
      await client.close();
      await local?.stop();
    },
  };
}

/** A small node-postgres pool on `url` (the local emulation, or a PostgreSQL given by URL). */
export function connectToUrl(url: string, options: { max?: number; describe: string }): OwnedSqlClient {
  // A database that accepts connections and never answers (a hung server, a failover) must not
  // stall a script or the local worker for good: a connection attempt gives up after 10 s.
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 4, connectionTimeoutMillis: 10_000 });
  // A dropped idle connection must not crash a script; the next query reports it.
  pool.on('error', () => {});
  return poolClient(pool, options.describe);
}

/** The process holding `directory` open, if it is still alive. */
async function liveHolder(directory: string): Promise<{ url: string; pid: number } | undefined> {
  const text = await readFile(handoffFile(directory), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const holder = JSON.parse(text) as { url: string; pid: number };
  try {
    process.kill(holder.pid, 0);
    return holder;
  } catch {
    return undefined;
  }
}

/**
 * The emulation's server sockets leave Nagle's algorithm on: one connection then manages ~23
 * statements/s (~43 ms each); with it off, ~2,000/s. `server` is private in its types, not at runtime.
 */
export function disableNagle(db: NetlifyDB): void {
  const { server } = db as unknown as { server?: { on(event: 'connection', fn: (s: Socket) => void): void } };
  server?.on('connection', (socket) => socket.setNoDelay(true));
}
