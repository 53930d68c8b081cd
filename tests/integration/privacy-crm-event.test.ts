import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyCrmSignature } from '../../src/lib/crm/verify-crm-signature.ts';
import { eraseSubject } from '../../src/lib/privacy/erase-subject.ts';
import { eventRetryMs, sendErasureEvents } from '../../src/lib/privacy/erasure-events.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { LeadErasedEventSchema } from '../../src/schemas/privacy-events.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { resetDelivery } from '../fixtures/delivery-harness.ts';

/** A loopback CRM answering with the statuses it is given, keeping every raw request. */
interface Capture {
  url: string;
  answers: number[];
  requests: { headers: Record<string, string | string[] | undefined>; body: string }[];
  close(): Promise<void>;
}

async function startCapture(): Promise<Capture> {
  const capture: Omit<Capture, 'url' | 'close'> = { answers: [], requests: [] };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      capture.requests.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(capture.answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/leads`;
  return Object.assign(capture, {
    url,
    close: () => new Promise<void>((done) => server.close(() => done())),
  });
}

const secret = 'crm-event-test-secret-0123456789abcdef';
let db: TestDatabase;
let crm: Capture;
let clock = Date.UTC(2026, 11, 7, 12);
const now = () => clock;

beforeAll(async () => {
  [db, crm] = await Promise.all([realPostgresDatabase(), startCapture()]);
}, 60_000);
afterAll(async () => {
  await crm.close();
  await db.close();
});
beforeEach(async () => {
  await resetDelivery(db);
  await db.query('TRUNCATE privacy_erasures CASCADE');
  crm.requests.length = 0;
});

const events = { secret, timeoutMs: 2_000, now, log: () => {} };

describe('the lead.erased event', () => {
  it('reaches the CRM signed, with the address and lead ids, and the address is then cleared', async () => {
    const queue = createPostgresLeadQueue({ db, now, random: Math.random });
    const { id } = await queue.enqueue({
      idempotencyKey: 'e2a3c1e0-0000-4000-8000-000000000001',
      fingerprint: 'f',
      receivedAt: clock - 1_000,
      payload: { fields: { email: 'grace@example.com' } },
    });
    const erasure = await eraseSubject(
      {
        db,
        outbox: undefined,
        secret: 'hash-secret-0123456789abcdef0123456789',
        now,
        source: 'cli',
        log: () => {},
      },
      'grace@example.com',
    );
    expect(await sendErasureEvents({ ...events, db, url: crm.url })).toEqual({ sent: 1, failed: 0 });
    const [request] = crm.requests;
    const check = verifyCrmSignature({
      secrets: [secret],
      body: request.body,
      timestamp: String(request.headers['x-floodgate-timestamp']),
      signature: String(request.headers['x-floodgate-signature']),
      now: clock,
    });
    expect(check.ok).toBe(true);
    expect(request.headers['x-floodgate-event']).toBe('lead.erased');
    expect(request.headers['idempotency-key']).toBe(erasure.erasureId);
    expect(LeadErasedEventSchema.parse(JSON.parse(request.body))).toEqual({
      event: 'lead.erased',
      id: erasure.erasureId,
      erasedAt: new Date(clock).toISOString(),
      email: 'grace@example.com',
      leadIds: [id],
    });
    const { rows } = await db.query('SELECT email, due_at, sent_at FROM privacy_events');
    expect(rows).toEqual([{ email: null, due_at: null, sent_at: new Date(clock) }]);
    expect(await sendErasureEvents({ ...events, db, url: crm.url })).toEqual({ sent: 0, failed: 0 });
  });

  it('is kept and retried while the CRM is down, then sent once', async () => {
    await eraseSubject(
      {
        db,
        outbox: undefined,
        secret: 'hash-secret-0123456789abcdef0123456789',
        now,
        source: 'ops',
        log: () => {},
      },
      'linus@example.com',
    );
    crm.answers.push(503);
    expect(await sendErasureEvents({ ...events, db, url: crm.url })).toEqual({ sent: 0, failed: 1 });
    const [pending] = (
      await db.query<{ email: string; last_error: string; due_at: Date }>(
        'SELECT email, last_error, due_at FROM privacy_events',
      )
    ).rows;
    expect(pending).toEqual({
      email: 'linus@example.com',
      last_error: 'HTTP 503',
      due_at: new Date(clock + eventRetryMs(1)),
    });
    expect(await sendErasureEvents({ ...events, db, url: crm.url })).toEqual({ sent: 0, failed: 0 });
    clock += eventRetryMs(1);
    expect(await sendErasureEvents({ ...events, db, url: crm.url })).toEqual({ sent: 1, failed: 0 });
    expect(crm.requests).toHaveLength(2);
    expect(crm.requests[0].headers['idempotency-key']).toBe(crm.requests[1].headers['idempotency-key']);
  });

  it('waits for a delivery in flight: due when the erased lead’s lease ends', async () => {
    const queue = createPostgresLeadQueue({ db, now, random: Math.random });
    await queue.enqueue({
      idempotencyKey: 'e2a3c1e0-0000-4000-8000-000000000002',
      fingerprint: 'f',
      receivedAt: clock - 1_000,
      payload: { fields: { email: 'ken@example.com' } },
    });
    await queue.claim(1, 45_000);
    await eraseSubject(
      {
        db,
        outbox: undefined,
        secret: 'hash-secret-0123456789abcdef0123456789',
        now,
        source: 'cli',
        log: () => {},
      },
      'ken@example.com',
    );
    expect(await sendErasureEvents({ ...events, db, url: crm.url })).toEqual({ sent: 0, failed: 0 });
    clock += 45_000;
    expect(await sendErasureEvents({ ...events, db, url: crm.url })).toEqual({ sent: 1, failed: 0 });
  });
});
