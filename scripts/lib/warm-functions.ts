import { readdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
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

/** A function's paths split once: plain ones (no parameter, wildcard or group) and real patterns. */
interface CompiledRoutes {
  fn: WarmFunction;
  plain: Set<string>;
  patterns: URLPattern[];
}

const plainPath = /^\/[a-z0-9/._~-]*$/;
const compiledRoutes = new WeakMap<readonly WarmFunction[], CompiledRoutes[]>();

function compileRoutes(functions: readonly WarmFunction[]): CompiledRoutes[] {
  let compiled = compiledRoutes.get(functions);
  if (!compiled) {
    compiled = functions.map((fn) => ({
      fn,
      plain: new Set(fn.patterns.filter((p) => plainPath.test(p.pathname)).map((p) => p.pathname)),
      patterns: fn.patterns.filter((p) => !plainPath.test(p.pathname)),
    }));
    compiledRoutes.set(functions, compiled);
  }
  return compiled;
}

/**
 * The function whose path matches `url` as Netlify routes it (trailing slash and case aside), if any:
 * the first in `functions` order. A plain path (every route of this site) is a set lookup, since
 * `URLPattern.test` costs about a microsecond a pattern and every request, a page's too, tried
 * each function's in turn (issue 20: the intake's per-request work).
 */
export function matchWarmFunction(functions: readonly WarmFunction[], url: URL): WarmFunction | undefined {
  const pathname = routingPath(url.pathname);
  return compileRoutes(functions).find(
    ({ plain, patterns }) => plain.has(pathname) || patterns.some((pattern) => pattern.test({ pathname })),
  )?.fn;
}

/** Run `fn` for a Node request and write its answer, as Netlify's runtime would. */
export async function invokeWarmFunction(
  fn: WarmFunction,
  request: IncomingMessage,
  response: ServerResponse,
  extraHeaders: Record<string, string>,
  options: {
    origin?: string;
    onBackgroundError?: (error: unknown) => void;
    /** The caller (`routeLocally`) has already refused a malformed Host: not checked twice. */
    hostChecked?: boolean;
  } = {},
): Promise<void> {
  const { origin = 'http://localhost', onBackgroundError = (error) => console.error(error) } = options;
  // A malformed Host is refused as Netlify's edge does; a well-formed one is still not the URL's.
  if (!options.hostChecked && !requestUrl(request))
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
  if (answer.body && method !== 'HEAD') return writeBody(answer.status, headers, answer.body, response);
  response.writeHead(answer.status, headers);
  response.end();
}

/**
 * Write an answer's body. One made whole (a string, JSON, bytes: every answer of this site's
 * functions) is one chunk followed at once by the end, and goes out in one write with its
 * Content-Length, as Netlify's runtime sends a buffered answer. Piping it through a Node stream
 * instead cost a stream adapter per request, chunked framing and several writes (about a tenth of
 * the intake's CPU in `bench:leads`, issue 20). A body still producing chunks after this turn of
 * the event loop is streamed as it comes, chunk by chunk.
 */
async function writeBody(
  status: number,
  headers: Record<string, string>,
  body: ReadableStream<Uint8Array>,
  response: ServerResponse,
): Promise<void> {
  const reader = body.getReader();
  const first = await reader.read();
  if (first.done) return void response.writeHead(status, headers).end();
  const pending = reader.read();
  const next = await Promise.race([pending, new Promise<'later'>((done) => setImmediate(done, 'later'))]);
  if (next !== 'later' && next.done) {
    headers['content-length'] ??= String(first.value.byteLength);
    return void response.writeHead(status, headers).end(first.value);
  }
  response.writeHead(status, headers);
  response.write(first.value);
  let chunk = next === 'later' ? await pending : next;
  while (!chunk.done) {
    // Backpressure: a slow reader holds the function's stream, not this process's memory.
    if (!response.write(chunk.value))
      await new Promise((done) => response.once('drain', done).once('close', done));
    if (response.destroyed) return void (await reader.cancel());
    chunk = await reader.read();
  }
  response.end();
}

/** `new URL(origin).origin`, remembered for the last origin (the server's own, on every request). */
let lastOrigin = { given: '', origin: '' };
function originOf(given: string): string {
  if (lastOrigin.given !== given) lastOrigin = { given, origin: new URL(given).origin };
  return lastOrigin.origin;
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
  return new URL(`${originOf(origin)}${path}`);
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
    body: hasBody ? bodyStream(request) : undefined,
    // Required by fetch's Request for a streamed body.
    duplex: 'half',
  } as RequestInit);
}

/**
 * The request's body as a web stream, as `Readable.toWeb` makes it (chunks copied, the request
 * paused while the stream's queue is full, cancelling destroys it, a client gone mid-body is an
 * error) without its stream-finished machinery: that adapter was about 4 % of the intake's CPU in
 * `bench:leads` (issue 20), for a body that is a few hundred bytes in one chunk.
 */
function bodyStream(request: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        request.on('data', (chunk: Buffer) => {
          controller.enqueue(new Uint8Array(chunk));
          if ((controller.desiredSize ?? 0) <= 0) request.pause();
        });
        request.once('end', () => controller.close());
        request.once('error', (error) => controller.error(error));
        request.once('close', () => {
          if (!request.complete)
            controller.error(new Error('The client closed the request before its body ended'));
        });
      },
      pull: () => void request.resume(),
      cancel: (reason: unknown) => void request.destroy(reason instanceof Error ? reason : undefined),
    },
    { highWaterMark: request.readableHighWaterMark, size: (chunk) => chunk.byteLength },
  );
}
