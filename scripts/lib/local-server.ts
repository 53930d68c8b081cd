import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { NetlifyDev } from '@netlify/dev';
import { LOCAL_DB_DIRECTORY, startLocalDatabase, useDatabaseAt } from './local-database.ts';
import {
  invokeWarmFunction,
  loadWarmFunctions,
  matchWarmFunction,
  type WarmFunction,
} from './warm-functions.ts';
import { summarizeStartFailures, type StartFailure } from './start-failures.ts';

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
  /** Extra in-process routes, e.g. a benchmark's constant-answer baseline. */
  extraFunctions?: WarmFunction[];
  /** Called once per request with how Netlify's emulation answered it (`static`, `function`, ...). */
  onRequest?: (entry: { method: string; path: string; status: number; servedBy: string; ms: number }) => void;
}

/**
 * Serves the built site the way Netlify will: static files from `dist/` with `netlify.toml`'s
 * headers and redirects, functions and Netlify Database, all through Netlify's own local emulation. Edge
 * functions are off (they need a Deno download), and so are features the site does not use.
 * Each response carries `x-floodgate-served-by` so tests can prove a page never hit a function.
 */
export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const projectRoot = resolve(options.projectRoot ?? '.');
  const databaseDirectory = resolve(projectRoot, options.databaseDirectory ?? LOCAL_DB_DIRECTORY);
  const database = options.databaseUrl
    ? await useDatabaseAt(options.databaseUrl)
    : await startLocalDatabase(databaseDirectory);
  // As Netlify's runtime does for every function: the functions below read these at start-up.
  process.env.NETLIFY_DB_URL = database.url;
  process.env.NETLIFY_DB_DRIVER = 'server';
  const netlify = new NetlifyDev({
    projectRoot,
    skipGitignore: true,
    blobs: { enabled: false },
    aiGateway: { enabled: false },
    // The same emulation, started by us so its directory can be chosen and Nagle switched off.
    database: { enabled: false },
    edgeFunctions: { enabled: false },
    geolocation: { enabled: false },
    images: { enabled: false },
    environmentVariables: { enabled: false },
    serverAddress: null,
  });
  await netlify.start();
  const startFailures: StartFailure[] = [];
  const warmFunctions = [
    ...(options.extraFunctions ?? []),
    ...(await loadWarmFunctions(resolve(projectRoot, 'netlify/functions'), (name, error) =>
      startFailures.push({ name, error }),
    )),
  ];
  for (const note of summarizeStartFailures(startFailures)) {
    if (note.level === 'info') console.log(note.text);
    else console.warn(note.text);
  }
  const notFoundPage = await readFile(resolve(projectRoot, 'dist/404.html')).catch(() =>
    Buffer.from('Not found'),
  );

  // Functions see this server's own address, never one a request claims (Host, request line).
  let origin = 'http://localhost';
  const server = createServer((request, response) => {
    const started = performance.now();
    void answer(netlify, warmFunctions, notFoundPage, request, response, origin)
      .catch((error: unknown) => {
        console.error(error);
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
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
  });
  await new Promise<void>((done) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', done));
  const { address, port } = server.address() as AddressInfo;
  origin = `http://${address}:${port}`;
  return {
    url: origin,
    database: { directory: databaseDirectory, url: database.url },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await netlify.stop();
      await database.stop();
    },
  };
}

async function answer(
  netlify: NetlifyDev,
  warmFunctions: readonly WarmFunction[],
  notFoundPage: Buffer,
  request: IncomingMessage,
  response: ServerResponse,
  origin: string,
): Promise<string> {
  const warm = matchWarmFunction(warmFunctions, new URL(request.url ?? '/', 'http://localhost'));
  if (warm) {
    await invokeWarmFunction(warm, request, response, { 'x-floodgate-served-by': 'function' }, origin);
    return 'function';
  }
  const result = await netlify.handleAndIntrospectNodeRequest(request);
  if (!result) {
    // Netlify's CDN answers an unmatched path with the site's 404.html, statically.
    response.writeHead(404, {
      'content-type': 'text/html; charset=utf-8',
      'x-floodgate-served-by': 'static-404',
    });
    response.end(request.method === 'HEAD' ? undefined : notFoundPage);
    return 'static-404';
  }
  const { response: netlifyResponse, type } = result;
  const headers = Object.fromEntries(netlifyResponse.headers);
  response.writeHead(netlifyResponse.status, { ...headers, 'x-floodgate-served-by': type });
  if (netlifyResponse.body && request.method !== 'HEAD') {
    Readable.fromWeb(netlifyResponse.body as import('node:stream/web').ReadableStream).pipe(response);
  } else {
    response.end();
  }
  return type;
}
