import { readdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pathToFileURL } from 'node:url';

/** What a Floodgate function reads from Netlify's context: only the client IP. */
export interface LocalFunctionContext {
  ip: string;
}

type Handler = (request: Request, context: LocalFunctionContext) => Promise<Response> | Response;

/** One function with an HTTP path, loaded once and kept warm like a Netlify instance between requests. */
export interface WarmFunction {
  name: string;
  patterns: URLPattern[];
  handler: Handler;
}

const isFunctionModule = (value: unknown): value is { default: Handler; config?: { path?: unknown } } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { default?: unknown }).default === 'function';

/**
 * Load every `.mts` function in `directory` that declares `config.path`. Netlify keeps a function
 * instance warm across requests (module state such as parsed env, the rate limiter and cached form
 * rules survives); `@netlify/dev` instead rebuilds and starts a fresh worker for every request
 * (~750 ms each), which makes the local server useless for load tests. So functions with paths run
 * here, in-process and warm; scheduled functions are left to the worker loop that runs them.
 */
export async function loadWarmFunctions(
  directory: string,
  onStartFailure: (name: string, error: unknown) => void = () => {},
): Promise<WarmFunction[]> {
  const files = (await readdir(directory).catch(() => [])).filter((file) => file.endsWith('.mts')).sort();
  const loaded: WarmFunction[] = [];
  for (const file of files) {
    let module: unknown;
    try {
      module = await import(pathToFileURL(resolve(join(directory, file))).href);
    } catch (error) {
      // One function's missing config must not take the site and the other functions down with it;
      // on Netlify, too, only that function would fail.
      onStartFailure(file, error);
      continue;
    }
    if (!isFunctionModule(module)) continue;
    const path = module.config?.path;
    const paths = typeof path === 'string' ? [path] : Array.isArray(path) ? path.map(String) : [];
    if (paths.length === 0) continue;
    loaded.push({
      name: file.replace(/\.mts$/, ''),
      patterns: paths.map((pathname) => new URLPattern({ pathname })),
      handler: module.default,
    });
  }
  return loaded;
}

/** The function whose path matches `url`, if any. */
export function matchWarmFunction(functions: readonly WarmFunction[], url: URL): WarmFunction | undefined {
  return functions.find((fn) => fn.patterns.some((pattern) => pattern.test(url)));
}

/**
 * The URL a function sees: the server's own origin plus the request's path and query. Neither the
 * Host header nor the authority of an absolute-form request line (`POST http://evil/ HTTP/1.1`)
 * is the client's to choose.
 */
export function functionRequestUrl(target: string | undefined, origin: string): URL {
  let path = target ?? '/';
  if (!path.startsWith('/')) {
    const absolute = URL.parse(path);
    path = absolute ? `${absolute.pathname}${absolute.search}` : '/';
  }
  // Concatenated, not resolved: `//evil.example/x` is a path here, not another host.
  return new URL(`${new URL(origin).origin}${path}`);
}

/** Run `fn` for a Node request and write its answer, as Netlify's runtime would. */
export async function invokeWarmFunction(
  fn: WarmFunction,
  request: IncomingMessage,
  response: ServerResponse,
  extraHeaders: Record<string, string>,
  origin = 'http://localhost',
): Promise<void> {
  const url = functionRequestUrl(request.url, origin);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const webRequest = new Request(url, {
    method: request.method,
    headers,
    body: hasBody ? (Readable.toWeb(request) as ReadableStream<Uint8Array>) : undefined,
    // Required by fetch's Request for a streamed body.
    duplex: 'half',
  } as RequestInit);
  const ip = request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1';
  const answer = await fn.handler(webRequest, { ip });
  response.writeHead(answer.status, { ...Object.fromEntries(answer.headers), ...extraHeaders });
  if (answer.body && request.method !== 'HEAD') {
    Readable.fromWeb(answer.body as NodeReadableStream).pipe(response);
  } else {
    response.end();
  }
}
