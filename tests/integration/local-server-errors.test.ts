import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../scripts/lib/local-server.ts';
import { securityHeaders } from '../../src/lib/http/security-headers.ts';
import { rawRequest } from '../fixtures/raw-http.ts';

/**
 * `npm start`'s local server, for real (NetlifyDev, the warm functions, the database emulation):
 * a path that does not decode is a 400, not a 500, and every error answer it makes itself (400,
 * 404, 405, 500) carries the security headers pages carry, from the one helper.
 */
let server: LocalServer;
let directory: string;
const errors: unknown[] = [];

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'floodgate-local-errors-'));
  server = await startLocalServer({
    databaseDirectory: join(directory, 'db'),
    onError: (error) => errors.push(error),
    extraFunctions: [
      {
        name: 'post-only',
        patterns: [new URLPattern({ pathname: '/__test/post-only' })],
        methods: ['POST'],
        handler: () => new Response(null, { status: 204 }),
      },
      {
        name: 'broken',
        patterns: [new URLPattern({ pathname: '/__test/broken' })],
        handler: () => {
          throw new Error('a bug, with /internal/paths in its message');
        },
      },
    ],
  });
}, 120_000);
afterAll(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

const lower = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
/** The headers of a JSON or text answer, and of a page (the 404 page loads the site's assets). */
const plain = lower(securityHeaders());
const page = lower(securityHeaders({ loads: 'site-assets' }));

const headersOf = (response: Response) => Object.fromEntries(response.headers);

describe('the local server’s own answers', () => {
  it.each(['/%ZZ', '/api/leads%E0%A4%A', '/de/%C3%28/'])(
    'GET %s is a 400 with the security headers',
    async (path) => {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/percent-encoding/);
      expect(headersOf(response)).toMatchObject(plain);
    },
  );

  it('a POST to a broken path is a 400 too, before any function runs', async () => {
    const response = await fetch(`${server.url}/api/leads%E0%A4%A`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(400);
    expect(headersOf(response)).toMatchObject(plain);
  });

  it('a path nothing serves is the 404 page with the headers of a page', async () => {
    const response = await fetch(`${server.url}/no-such-page/`);
    expect(response.status).toBe(404);
    expect(headersOf(response)).toMatchObject(page);
  });

  it('a method a function does not take, and one no site takes, are 405s with the headers', async () => {
    const wrongMethod = await fetch(`${server.url}/__test/post-only`);
    expect(wrongMethod.status).toBe(405);
    expect(headersOf(wrongMethod)).toMatchObject(plain);
    const { port } = new URL(server.url);
    const trace = await rawRequest(Number(port), [
      `TRACE / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    ]);
    expect(trace.status).toBe(405);
    expect(trace.text.toLowerCase()).toContain(
      `content-security-policy: ${plain['content-security-policy']}`,
    );
  });

  it('a malformed Host is a 400 with the headers', async () => {
    const { port } = new URL(server.url);
    const answer = await rawRequest(Number(port), [
      `GET / HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n`,
    ]);
    expect(answer.status).toBe(400);
    expect(answer.text.toLowerCase()).toContain('x-content-type-options: nosniff');
  });

  it('a function that throws is a 500 with the headers and nothing of the error in the body', async () => {
    const response = await fetch(`${server.url}/__test/broken`);
    expect(response.status).toBe(500);
    expect(headersOf(response)).toMatchObject(plain);
    expect(await response.text()).not.toMatch(/internal|paths|Error/);
    expect(errors).toHaveLength(1);
  });
});
