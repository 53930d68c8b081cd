import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeLocally } from '../../scripts/lib/local-routing.ts';
import type { WarmFunction } from '../../scripts/lib/warm-functions.ts';

/**
 * How the local runtime writes a function's answer: one made whole goes out in one piece with its
 * length (as Netlify sends a buffered answer), one still producing chunks is streamed as it comes,
 * and a plain path and a path with a parameter both reach their function, in declaration order.
 */
let server: Server;
let origin: string;
// Released by the client once it has read the streamed answer's first chunk.
let firstChunkRead!: () => void;

const functions: WarmFunction[] = [
  {
    name: 'whole',
    patterns: [new URLPattern({ pathname: '/api/whole' })],
    handler: () => Response.json({ id: 'lead-1' }, { status: 202 }),
  },
  {
    name: 'streamed',
    patterns: [new URLPattern({ pathname: '/api/streamed' })],
    handler: () => {
      const gate = new Promise<void>((done) => (firstChunkRead = done));
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode('first;'));
          // Only sent once the client holds the first: an answer held back until complete never gets here.
          await gate;
          controller.enqueue(new TextEncoder().encode('second'));
          controller.close();
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/plain' } });
    },
  },
  {
    name: 'by-id',
    patterns: [new URLPattern({ pathname: '/api/items/:id' })],
    handler: () => new Response('by id'),
  },
  {
    name: 'shadowed',
    patterns: [new URLPattern({ pathname: '/api/whole' })],
    handler: () => new Response('never: an earlier function declares this path'),
  },
];

beforeAll(async () => {
  server = createServer((request, response) => {
    void routeLocally(request, response, {
      functions,
      other: async (_, outgoing) => (outgoing.writeHead(404).end(), 'static-404'),
      notFound: (_, outgoing) => (outgoing.writeHead(404).end(), 'static-404'),
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((done) => server.close(done)));

describe('answers of warm functions', () => {
  it('sends an answer made whole with its Content-Length, not chunked, headers kept', async () => {
    const answer = await fetch(`${origin}/api/whole/`);
    const body = await answer.text();
    expect([answer.status, body]).toEqual([202, '{"id":"lead-1"}']);
    expect(answer.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(answer.headers.get('transfer-encoding')).toBeNull();
    expect(answer.headers.get('x-floodgate-served-by')).toBe('function');
    expect(answer.headers.get('content-type')).toBe('application/json');
  });

  it('streams an answer whose chunks come later, chunk by chunk', async () => {
    const text = await new Promise<string>((done, fail) => {
      get(`${origin}/api/streamed`, (answer) => {
        let received = '';
        answer.on('data', (chunk: Buffer) => {
          received += chunk.toString();
          if (received === 'first;') firstChunkRead();
        });
        answer.on('end', () => done(received));
      }).on('error', fail);
    });
    expect(text).toBe('first;second');
  });

  it('matches plain paths and parameter patterns, the first declaring function winning', async () => {
    expect(await (await fetch(`${origin}/API/ITEMS/42`)).text()).toBe('by id');
    expect((await fetch(`${origin}/api/whole`)).status).toBe(202);
    expect((await fetch(`${origin}/api/none`)).status).toBe(404);
  });
});
