import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { NetlifyDev } from '@netlify/dev';
import { blobsContextFor, LOCAL_BLOBS_DIRECTORY, LOCAL_SITE_ID } from './blobs.ts';
import { localServerTimeouts, routeLocally, type ServedBy } from './local-routing.ts';
import { loadWarmFunctions, type WarmFunction } from './warm-functions.ts';

export interface LocalServer {
  url: string;
  /** The Blobs server the functions write to, so scripts and tests can read what they stored. */
  blobs: { directory: string; url: string; token: string; siteID: string };
  close: () => Promise<void>;
}

export interface LocalServerOptions {
  projectRoot?: string;
  port?: number;
  host?: string;
  /** Where Blobs live (default `.netlify/blobs-serve`, which the ops scripts read); benchmarks use a temp dir. */
  blobsDirectory?: string;
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
 * Serves the built site the way Netlify will: static files from `dist/` with `netlify.toml`'s
 * headers and redirects, functions and Blobs, all through Netlify's own local emulation. Edge
 * functions are off (they need a Deno download), and so are features the site does not use.
 * Each response carries `x-floodgate-served-by` so tests can prove a page never hit a function.
 */
export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const projectRoot = resolve(options.projectRoot ?? '.');
  const blobs = await startBlobs(resolve(projectRoot, options.blobsDirectory ?? LOCAL_BLOBS_DIRECTORY));
  const netlify = new NetlifyDev({
    projectRoot,
    skipGitignore: true,
    // Our own Blobs server instead of NetlifyDev's, so its directory can be chosen.
    blobs: { enabled: false },
    aiGateway: { enabled: false },
    database: { enabled: false },
    edgeFunctions: { enabled: false },
    geolocation: { enabled: false },
    images: { enabled: false },
    environmentVariables: { enabled: false },
    serverAddress: null,
  });
  await netlify.start();
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const notFoundPage = await readFile(resolve(projectRoot, 'dist/404.html')).catch(() =>
    Buffer.from('Not found'),
  );
  // Functions load once the server listens: they read SITE_URL, its own address, at start-up.
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
            other: (incoming, outgoing) => answerStatically(netlify, notFoundPage, incoming, outgoing),
            notFound: (incoming, outgoing) => staticNotFound(notFoundPage, incoming, outgoing),
            onBackgroundError: onError,
          }),
        )
        .catch((error: unknown) => {
          onError(error);
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
    },
  );
  await new Promise<void>((done) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', done));
  const { address, port } = server.address() as AddressInfo;
  process.env.SITE_URL ??= `http://${address}:${port}`;
  loadFunctions([
    ...(options.extraFunctions ?? []),
    ...(await loadWarmFunctions(resolve(projectRoot, 'netlify/functions'))),
  ]);
  return {
    url: `http://${address}:${port}`,
    blobs: blobs.details,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await netlify.stop();
      await blobs.stop();
    },
  };
}

/**
 * `@netlify/blobs`' own server on `directory`, in a child process (like the separate service it is
 * in production), published the way Netlify's runtime publishes it (`NETLIFY_BLOBS_CONTEXT`), so
 * `getStore()` in the functions finds it with no code of ours.
 */
async function startBlobs(directory: string) {
  const token = randomUUID();
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./blobs-server-process.ts', import.meta.url)), directory, token],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolvePort, reject) => {
    child.once('exit', (code) => reject(new Error(`the local Blobs server exited with code ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolvePort(Number(line)));
  });
  const url = `http://127.0.0.1:${port}`;
  const details = { directory, url, token, siteID: LOCAL_SITE_ID };
  process.env.NETLIFY_BLOBS_CONTEXT = blobsContextFor(details);
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.stdin?.end();
    await exited;
  };
  return { details, stop };
}

/** Netlify's CDN answers an unmatched path with the site's 404.html, statically. */
function staticNotFound(notFoundPage: Buffer, request: IncomingMessage, response: ServerResponse): ServedBy {
  response.writeHead(404, {
    'content-type': 'text/html; charset=utf-8',
    'x-floodgate-served-by': 'static-404',
  });
  response.end(request.method === 'HEAD' ? undefined : notFoundPage);
  return 'static-404';
}

async function answerStatically(
  netlify: NetlifyDev,
  notFoundPage: Buffer,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<ServedBy> {
  const result = await netlify.handleAndIntrospectNodeRequest(request);
  if (!result) return staticNotFound(notFoundPage, request, response);
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
