import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  functionRequestUrl,
  invokeWarmFunction,
  loadWarmFunctions,
  matchWarmFunction,
  type WarmFunction,
} from '../../scripts/lib/warm-functions.ts';
import { routeLocally } from '../../scripts/lib/local-routing.ts';
import { rawRequest } from '../fixtures/raw-http.ts';

/**
 * The local server hosts functions in-process and warm, the way a Netlify instance keeps module
 * state between requests: proven with a counter that only survives if the module is loaded once.
 */
let directory: string;
let functions: WarmFunction[];
const failures: string[] = [];
let server: Server;
let origin: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'floodgate-warm-'));
  await writeFile(
    join(directory, 'counter.mts'),
    `let calls = 0;
export default async (request, context) =>
  Response.json({ calls: ++calls, ip: context.ip, body: await request.text(), url: request.url }, { status: 201 });
export const config = { path: '/api/counter/:id' };`,
  );
  await writeFile(
    join(directory, 'scheduled.mts'),
    `export default async () => new Response('ran');\nexport const config = { schedule: '@hourly' };`,
  );
  await writeFile(
    join(directory, 'broken.mts'),
    `throw new Error('Invalid environment\\n  - SECRET: is not set');`,
  );
  functions = await loadWarmFunctions(directory, (name) => failures.push(name));
  server = createServer((request, response) => {
    const fn = matchWarmFunction(functions, new URL(request.url ?? '/', 'http://localhost'));
    if (!fn) return void response.writeHead(404).end();
    void invokeWarmFunction(fn, request, response, { 'x-served-by': fn.name });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
  await rm(directory, { recursive: true, force: true });
});

describe('warm local functions', () => {
  it('loads functions with a path, skips scheduled ones and reports ones that fail to start', () => {
    expect(functions.map((fn) => fn.name)).toEqual(['counter']);
    expect(failures).toEqual(['broken.mts']);
  });

  it('routes by config.path and keeps module state between requests', async () => {
    const post = () => fetch(`${origin}/api/counter/7?x=1`, { method: 'POST', body: 'hello' });
    const first = await post();
    expect([first.status, first.headers.get('x-served-by')]).toEqual([201, 'counter']);
    expect(await first.json()).toMatchObject({ calls: 1, ip: '127.0.0.1', body: 'hello' });
    expect(await (await post()).json()).toMatchObject({
      calls: 2,
      url: expect.stringMatching(/\/api\/counter\/7\?x=1$/),
    });
    expect((await fetch(`${origin}/api/elsewhere`)).status).toBe(404);
  });

  it('gives the function the server’s own origin, whatever Host or request line a client sends', async () => {
    const { port } = server.address() as AddressInfo;
    // node:http sends the path as given (absolute form included) and the Host header we choose.
    const seen = (path: string, host: string) =>
      new Promise<string>((done, fail) => {
        const sent = request({
          port,
          host: '127.0.0.1',
          method: 'POST',
          path,
          setHost: false,
          headers: { Host: host },
        });
        sent.on('response', (answer) => {
          let body = '';
          answer.on('data', (chunk) => (body += String(chunk)));
          answer.on('end', () => done((JSON.parse(body) as { url: string }).url));
        });
        sent.on('error', fail);
        sent.end();
      });
    expect(await seen('/api/counter/1', 'evil.example')).toBe('http://localhost/api/counter/1');
    expect(await seen('http://evil.example/api/counter/2', 'evil.example')).toBe(
      'http://localhost/api/counter/2',
    );
    expect(functionRequestUrl('//evil.example/x?y=1', 'http://127.0.0.1:8800').href).toBe(
      'http://127.0.0.1:8800//evil.example/x?y=1',
    );
  });
});

describe('local routing, as Netlify routes', () => {
  let routed: Server;
  let port: number;
  const backgroundRuns: string[] = [];
  beforeAll(async () => {
    await writeFile(
      join(directory, 'job-background.mts'),
      `export default async (request) => { globalThis.backgroundRuns?.push(request.method); return new Response(null, { status: 204 }); };
export const config = { method: 'POST' };`,
    );
    (globalThis as { backgroundRuns?: string[] }).backgroundRuns = backgroundRuns;
    const all = await loadWarmFunctions(directory, () => undefined);
    routed = createServer((request, response) => {
      void routeLocally(request, response, {
        functions: all,
        other: async (_, outgoing) => {
          outgoing.writeHead(200, { 'x-served-by': 'static' }).end('static');
          return 'static';
        },
        notFound: (_, outgoing) => {
          outgoing.writeHead(404).end();
          return 'static-404';
        },
      });
    });
    await new Promise<void>((done) => routed.listen(0, '127.0.0.1', done));
    port = (routed.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((done) => routed.close(done)));
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;

  it('serves a function path with a trailing slash or in other case from the same warm instance', async () => {
    const calls: number[] = [];
    for (const path of ['/api/counter/1', '/api/counter/1/', '/API/COUNTER/1', '/Api/Counter/1/']) {
      const response = await fetch(url(path), { method: 'POST', body: 'x' });
      expect(response.status).toBe(201);
      calls.push(((await response.json()) as { calls: number }).calls);
    }
    // One module instance answered all four: its counter kept counting.
    expect(calls.slice(1).every((count, index) => count === calls[index] + 1)).toBe(true);
    expect((await fetch(url('/api/counter/1/extra'))).headers.get('x-served-by')).toBe('static');
  });

  it('serves a background function warm at its default path: 202 at once, then it runs', async () => {
    const response = await fetch(url('/.netlify/functions/job-background'), { method: 'POST' });
    expect(response.status).toBe(202);
    await expect.poll(() => backgroundRuns).toEqual(['POST']);
    expect((await fetch(url('/.netlify/functions/job-background'))).status).toBe(405);
  });

  it('never hands a function path to a cold start: a scheduled function is not served over HTTP', async () => {
    expect((await fetch(url('/.netlify/functions/scheduled'), { method: 'POST' })).status).toBe(404);
  });

  it('answers a malformed Host with 400 and TRACE with 405, before any function runs', async () => {
    for (const host of ['a b', 'evil.example/path', 'user@host', '']) {
      const answer = await rawRequest(port, [
        `POST /api/counter/1 HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      ]);
      expect(answer.status, host).toBe(400);
    }
    const trace = await rawRequest(port, [
      `TRACE /api/counter/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    ]);
    expect(trace.status).toBe(405);
    expect(trace.text).toMatch(/allow: GET, HEAD, POST/i);
  });
});
