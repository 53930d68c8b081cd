import { readdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pathToFileURL } from 'node:url';
import { securityHeaders } from '../../src/lib/http/security-headers.ts';
import { requestUrl, routingPath } from './request-url.ts';

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
  /** `config.method`: the methods routed to it; empty for all. */
  methods?: string[];
  /** A `-background` function: Netlify answers 202 at once and the function runs on. */
  background?: boolean;
}

interface FunctionConfig {
  path?: unknown;
  method?: unknown;
  schedule?: unknown;
}

const isFunctionModule = (value: unknown): value is { default: Handler; config?: FunctionConfig } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { default?: unknown }).default === 'function';

/**
 * Load every `.mts` function in `directory` that Netlify serves over HTTP: on its `config.path`,
 * or on `/.netlify/functions/<name>` without one (background functions). Netlify keeps a function
 * instance warm across requests (module state such as parsed env, the rate limiter and cached form
 * rules survives); `@netlify/dev` instead rebuilds and starts a fresh worker for every request
 * (~750 ms each), which makes the local server useless for load tests. So functions with paths run
 * here, in-process and warm.
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
    const { path, method, schedule } = module.config ?? {};
    const name = file.replace(/\.mts$/, '');
    // Without `path`, Netlify serves a function at its default path; scheduled functions it never
    // serves over HTTP in production, so they are left to the worker loop that runs them.
    const paths = typeof path === 'string' ? [path] : Array.isArray(path) ? path.map(String) : [];
    if (paths.length === 0 && schedule !== undefined) continue;
    if (paths.length === 0) paths.push(`/.netlify/functions/${name}`);
    const methods = typeof method === 'string' ? [method] : Array.isArray(method) ? method.map(String) : [];
    loaded.push({
      name,
      patterns: paths.map((pathname) => new URLPattern({ pathname: routingPath(pathname) })),
      handler: module.default,
      methods: methods.map((item) => item.toUpperCase()),
      background: name.endsWith('-background'),
    });
  }
  return loaded;
}

/** The function whose path matches `url` as Netlify routes it (trailing slash and case aside), if any. */
export function matchWarmFunction(functions: readonly WarmFunction[], url: URL): WarmFunction | undefined {
  const pathname = routingPath(url.pathname);
  return functions.find((fn) => fn.patterns.some((pattern) => pattern.test({ pathname })));
}

/** Run `fn` for a Node request and write its answer, as Netlify's runtime would. */
export async function invokeWarmFunction(
  fn: WarmFunction,
  request: IncomingMessage,
  response: ServerResponse,
  extraHeaders: Record<string, string>,
  options: { origin?: string; onBackgroundError?: (error: unknown) => void } = {},
): Promise<void> {
  const { origin = 'http://localhost', onBackgroundError = (error) => console.error(error) } = options;
  // A malformed Host is refused as Netlify's edge does; a well-formed one is still not the URL's.
  if (!requestUrl(request))
    return void response
      .writeHead(400, { ...securityHeaders(), 'content-type': 'text/plain' })
      .end('Malformed Host header');
  const url = functionRequestUrl(request.url, origin);
  const method = request.method ?? 'GET';
  if (fn.methods?.length && !fn.methods.includes(method)) {
    response.writeHead(405, { ...securityHeaders(), allow: fn.methods.join(', '), ...extraHeaders }).end();
    return;
  }
  const webRequest = toWebRequest(request, url);
  const ip = request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1';
  if (fn.background) {
    response.writeHead(202, extraHeaders).end();
    void Promise.resolve()
      .then(() => fn.handler(webRequest, { ip }))
      .then((answer) => answer.body?.cancel(), onBackgroundError);
    return;
  }
  const answer = await fn.handler(webRequest, { ip });
  const headers: Record<string, string> = { ...Object.fromEntries(answer.headers), ...extraHeaders };
  // The function answered before reading the whole body (a 413, a refusal): the rest is not read,
  // so the connection cannot carry another request and is closed once the answer is out.
  if (!request.complete) headers.connection = 'close';
  response.writeHead(answer.status, headers);
  if (answer.body && method !== 'HEAD') {
    Readable.fromWeb(answer.body as NodeReadableStream).pipe(response);
  } else {
    response.end();
  }
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

function toWebRequest(request: IncomingMessage, url: URL): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(url, {
    method: request.method,
    headers,
    body: hasBody ? (Readable.toWeb(request) as ReadableStream<Uint8Array>) : undefined,
    // Required by fetch's Request for a streamed body.
    duplex: 'half',
  } as RequestInit);
}
