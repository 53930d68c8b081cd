import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeLocally } from '../../scripts/lib/local-routing.ts';
import type { WarmFunction } from '../../scripts/lib/warm-functions.ts';
import { TEST_WEBHOOK_SECRET } from '../fixtures/webhook-requests.ts';
import { emulatedDatabase, type TestDatabase } from '../fixtures/databases.ts';

/**
 * Body limits hold while the body streams: a 60 MB chunked upload to the webhook (limit 1 MB) or
 * the lead endpoint (16 KB) is answered 413 after about the limit has been read, and the sender,
 * pushing as fast as the connection takes it, gets nowhere near 60 MB out before the answer.
 */
let server: Server;
let port: number;
const errors: unknown[] = [];
const savedEnv = { ...process.env };
let db: TestDatabase;

beforeAll(async () => {
  db = await emulatedDatabase();
  Object.assign(process.env, {
    NETLIFY_DB_URL: db.url,
    CONTENTFUL_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    NETLIFY_BUILD_HOOK_URL: 'http://127.0.0.1:9/build_hooks/unused',
    SITE_URL: 'http://127.0.0.1:9',
  });
  const functions: WarmFunction[] = [
    {
      name: 'contentful-webhook',
      patterns: [new URLPattern({ pathname: '/api/contentful-webhook' })],
      handler: (await import('../../netlify/functions/contentful-webhook.mts'))
        .default as WarmFunction['handler'],
    },
    {
      name: 'leads',
      patterns: [new URLPattern({ pathname: '/api/leads' })],
      handler: (await import('../../netlify/functions/leads.mts')).default,
    },
  ];
  server = createServer((incoming, outgoing) => {
    void routeLocally(incoming, outgoing, {
      functions,
      other: async () => 'unused',
      notFound: () => 'unused',
    }).catch((error: unknown) => {
      errors.push(error);
      outgoing.destroy();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  process.env = savedEnv;
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  await db.close();
});

/** Upload up to `totalBytes` chunked (no Content-Length), honouring backpressure; stop at the answer. */
function chunkedUpload(path: string, contentType: string, totalBytes: number) {
  return new Promise<{ status: number; sentBytes: number }>((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sentBytes = 0;
    let answered = false;
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      headers: { 'content-type': contentType, origin: 'http://127.0.0.1:9' },
    });
    request.on('response', (response) => {
      answered = true;
      response.resume();
      resolve({ status: response.statusCode ?? 0, sentBytes });
      request.destroy();
    });
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sentBytes < totalBytes) {
        sentBytes += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

describe('body limits while streaming', () => {
  it.each([
    ['/api/contentful-webhook', 'application/vnd.contentful.management.v1+json', 1_000_000],
    ['/api/leads', 'application/json', 16 * 1024],
  ])('%s refuses a 60 MB chunked body with 413 after reading about its limit', async (path, type, limit) => {
    const { status, sentBytes } = await chunkedUpload(path, type, 60 * 1024 * 1024);
    expect(status).toBe(413);
    // The limit, plus what the sockets' buffers took while the answer was on its way.
    expect(sentBytes).toBeLessThan(limit + 8 * 1024 * 1024);
    expect(errors).toEqual([]);
  });
});
