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
        sent.on('response', async (answer) => {
          let body = '';
          for await (const chunk of answer) body += String(chunk);
          done(JSON.parse(body).url);
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
