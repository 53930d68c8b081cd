import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { NetlifyDev } from '@netlify/dev';
import {
  adoptLocalDatabase,
  assertDatabaseFree,
  LOCAL_DB_DIRECTORY,
  startLocalDatabase,
  useDatabaseAt,
  type LocalDatabase,
} from './local-database.ts';
import { localServerTimeouts, routeLocally } from './local-routing.ts';
import { answerStatically, staticNotFound } from './local-static.ts';
import { prettyUrls } from './local-pretty-urls.ts';
import { securityHeaders } from '../../src/lib/http/security-headers.ts';
import { summarizeStartFailures, type StartFailure } from './start-failures.ts';
import { loadWarmFunctions, type WarmFunction } from './warm-functions.ts';

export interface LocalServer {
  url: string;
  /** The database the functions use (Netlify's emulation), so scripts and tests can read what they stored. */
  database: { directory: string; url: string };
  close: () => Promise<void>;
}

export interface LocalServerOptions {
  projectRoot?: string;
  port?: number;
  host?: string;
  /** Where the embedded database lives (default `.netlify/db`, which the ops scripts find); benchmarks use a temp dir. */
  databaseDirectory?: string;
  /** A PostgreSQL of your own instead of the embedded emulation (migrated at start). */
  databaseUrl?: string;
  /**
   * Who runs `netlify/functions`: `warm` (default), this server in-process and warm; or `netlify`,
   * NetlifyDev's own per-request workers, kept so `npm run bench:local-runtime` can measure the gap.
   */
  functionsHost?: 'warm' | 'netlify';
  /** Extra in-process routes, e.g. a benchmark's constant-answer baseline. */
  extraFunctions?: WarmFunction[];
  /** Called once per request with how Netlify's emulation answered it (`static`, `function`, ...). */
  onRequest?: (entry: { method: string; path: string; status: number; servedBy: string; ms: number }) => void;
  /** Where an unexpected error (a bug, never bad input) is reported; `console.error` by default. */
  onError?: (error: unknown) => void;
  /**
   * How long a client may take to send a whole request (headers and body) before it is answered
   * 408 and disconnected; default 30 s. Netlify's edge buffers a request before a function runs,
   * so a stalled upload never ties up a function there either.
   */
  requestTimeoutMs?: number;
}

/**
 * Serves the built site the way Netlify will, on Netlify's own local runtime (NetlifyDev): static
 * files from `dist/` with `netlify.toml`'s headers and `_redirects`, Blobs and Netlify Database.
 * The functions run warm in-process (NetlifyDev starts a worker per request; see
 * docs/local-runtime.md for each remaining gap). Edge functions are off (they need a Deno
 * download), and so are features the site does not use. Each response carries
 * `x-floodgate-served-by` so tests can prove a page never hit a function.
 */
export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const projectRoot = resolve(options.projectRoot ?? '.');
  const defaultDirectory = resolve(projectRoot, LOCAL_DB_DIRECTORY);
  const databaseDirectory = resolve(projectRoot, options.databaseDirectory ?? LOCAL_DB_DIRECTORY);
  // NetlifyDev's own database emulation whenever it can be used. It cannot when the caller wants
  // another directory (benchmarks keep a throwaway one): NetlifyDev always opens
  // `<projectRoot>/.netlify/db` (netlify/primitives packages/dev/src/main.ts, `start()`:
  // `path.join(this.#projectRoot, '.netlify', 'db')`), so there we start the same emulation ourselves.
  const netlifyFunctions = options.functionsHost === 'netlify';
  const netlifyDatabase = !options.databaseUrl && databaseDirectory === defaultDirectory;
  if (netlifyDatabase) await assertDatabaseFree(databaseDirectory);
  const ownDatabase = netlifyDatabase
    ? undefined
    : options.databaseUrl
      ? await useDatabaseAt(options.databaseUrl)
      : await startLocalDatabase(databaseDirectory);
  const netlify = new NetlifyDev({
    projectRoot,
    skipGitignore: true,
    aiGateway: { enabled: false },
    database: { enabled: netlifyDatabase },
    // Gap: NetlifyDev builds a function and runs it in a fresh worker thread for every request
    // (@netlify/functions-dev `runtimes/nodejs/index.ts`, `invokeFunction`: `new Worker(workerURL,
    // { workerData })`; measured in docs/local-runtime.md), and bundles every function with
    // esbuild before its first answer. The warm host below serves the functions instead; left on,
    // NetlifyDev would still bundle them all on the first request for nothing.
    functions: { enabled: netlifyFunctions },
    // Edge functions need a Deno download; geolocation calls out with a 10 s timeout; the site
    // uses neither, nor images or a linked site's variables.
    edgeFunctions: { enabled: false },
    geolocation: { enabled: false },
    images: { enabled: false },
    environmentVariables: { enabled: false },
    serverAddress: null,
    logger: quietLogger,
  });
  await netlify.start();
  const database = ownDatabase ?? (await adoptNetlifyDatabase(netlify, databaseDirectory));
  // As Netlify's runtime does for every function: the functions below read these at start-up.
  process.env.NETLIFY_DB_URL = database.url;
  process.env.NETLIFY_DB_DRIVER = 'server';
  // The emulation is one session shared by every connection: a statement one connection prepares
  // by name, the next one's prepare collides with (42P05). Only a PostgreSQL of your own keeps them apart.
  if (!options.databaseUrl) process.env.DATABASE_PREPARED_STATEMENTS = 'false';
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const notFoundPage = await readFile(resolve(projectRoot, 'dist/404.html')).catch(() =>
    Buffer.from('Not found'),
  );
  const pretty = prettyUrls(
    resolve(projectRoot, 'dist'),
    await readFile(resolve(projectRoot, 'dist/_redirects'), 'utf8').catch(() => ''),
  );
  // Functions load once the server listens: they read SITE_URL, its own address, at start-up; and
  // they see that address in their request URL, never one a request claims (Host, request line).
  let origin = 'http://localhost';
  let loadFunctions!: (functions: WarmFunction[]) => void;
  const functionsLoaded = new Promise<WarmFunction[]>((done) => (loadFunctions = done));

  const server = createServer(
    localServerTimeouts(options.requestTimeoutMs ?? 30_000),
    (request, response) => {
      const started = performance.now();
      void functionsLoaded
        .then((functions) =>
          routeLocally(request, response, {
            functions,
            origin,
            other: (incoming, outgoing) =>
              answerStatically(netlify, notFoundPage, incoming, outgoing, pretty),
            notFound: (incoming, outgoing) => staticNotFound(notFoundPage, incoming, outgoing),
            onBackgroundError: onError,
          }),
        )
        .catch((error: unknown) => {
          onError(error);
          if (!response.headersSent)
            response.writeHead(500, { ...securityHeaders(), 'content-type': 'text/plain' });
          response.end('Internal error');
          return 'error';
        })
        .then((servedBy) => {
          options.onRequest?.({
            method: request.method ?? 'GET',
            path: request.url ?? '/',
            status: response.statusCode,
            servedBy,
            ms: performance.now() - started,
          });
        });
    },
  );
  await new Promise<void>((done) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', done));
  const { address, port } = server.address() as AddressInfo;
  origin = `http://${address}:${port}`;
  process.env.SITE_URL ??= origin;
  const startFailures: StartFailure[] = [];
  loadFunctions([
    ...(options.extraFunctions ?? []),
    ...(netlifyFunctions
      ? []
      : await loadWarmFunctions(resolve(projectRoot, 'netlify/functions'), (name, error) =>
          startFailures.push({ name, error }),
        )),
  ]);
  for (const note of summarizeStartFailures(startFailures)) {
    if (note.level === 'info') console.log(note.text);
    else console.warn(note.text);
  }
  return {
    url: origin,
    database: { directory: databaseDirectory, url: database.url },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await database.stop();
      await netlify.stop();
    },
  };
}

/** NetlifyDev's emulation, migrated and announced to the ops scripts (it applies no migrations itself). */
async function adoptNetlifyDatabase(netlify: NetlifyDev, directory: string): Promise<LocalDatabase> {
  const db = netlify.db;
  const url = process.env.NETLIFY_DB_URL;
  if (!db || !url) throw new Error('Netlify Database did not start locally (see the warning above)');
  return adoptLocalDatabase(directory, db, url);
}

/** NetlifyDev's progress lines are noise in `npm start`'s terminal; its warnings are not. */
const quietLogger = { log: () => {}, warn: console.warn, error: console.error };
