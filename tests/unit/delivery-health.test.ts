import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadDeliveryHealth } from '../../src/lib/delivery/delivery-health.ts';
import { handleHealthRequest } from '../../src/lib/delivery/handle-health-request.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { DeliveryHealthSchema, type DeliveryHealth } from '../../src/schemas/delivery-health.ts';
import { inProcessDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { sampleLead } from '../fixtures/lead-queue-contract.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await inProcessDatabase();
});
afterAll(() => db.close());

const token = 'a-health-token-of-24-characters-or-more';
const t0 = Date.parse('2026-11-20T12:00:00Z');
const get = (authorization?: string, method = 'GET') =>
  new Request('http://localhost/api/leads/health', {
    method,
    headers: authorization ? { authorization } : {},
  });

let prepared = false;
async function report(): Promise<DeliveryHealth> {
  if (!prepared) {
    prepared = true;
    let clock = t0;
    const queue = createPostgresLeadQueue({ db, now: () => clock, random: Math.random });
    for (const key of ['a', 'b', 'c']) await queue.enqueue(sampleLead(key, t0));
    await queue.enqueue(sampleLead('spam', t0), { score: 9, signals: ['honeypot'] });
    const [delivered, inFlight] = await queue.claim(2, 60_000);
    if (!delivered || !inFlight) throw new Error('expected two claims');
    clock = t0 + 5_000;
    await queue.ack(delivered);
    await db.query(`UPDATE delivery_circuit SET state = 'open', opened_at = $1, until = $2`, [
      new Date(t0),
      new Date(t0 + 30_000),
    ]);
    await db.query(`UPDATE delivery_drainer SET holder = 'drainer-1', expires_at = $1`, [
      new Date(t0 + 120_000),
    ]);
  }
  return leadDeliveryHealth(db, t0 + 10_000);
}

describe('lead queue health', () => {
  it('reports counts, oldest age, last delivery, the circuit and the drainer, in the documented shape', async () => {
    const health = await report();
    expect(DeliveryHealthSchema.parse(health)).toEqual({
      checkedAt: '2026-11-20T12:00:10.000Z',
      ...{ depth: 2, waiting: 1, retrying: 0, inFlight: 1, oldestAgeSeconds: 10, deadLetters: 0, spam: 1 },
      lastDeliveredAt: '2026-11-20T12:00:05.000Z',
      circuit: { state: 'open', until: '2026-11-20T12:00:30.000Z' },
      drainer: { until: '2026-11-20T12:02:00.000Z' },
    });
  });

  it('answers 200 with the report for the right bearer token, never cached', async () => {
    const response = await handleHealthRequest(get(`Bearer ${token}`), { token, report });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ depth: 2 });
  });

  it.each([undefined, 'Bearer wrong-token', `Basic ${token}`, `Bearer ${token}x`, 'Bearer '])(
    'answers 401 for authorization %s',
    async (authorization) => {
      const response = await handleHealthRequest(get(authorization), { token, report });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    },
  );

  it('answers 503 when no token is configured, so it is never open by accident', async () => {
    const response = await handleHealthRequest(get(`Bearer ${token}`), { token: undefined, report });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: 'not_configured' });
  });

  it('answers 503 without internals when the store fails', async () => {
    const failing = () => Promise.reject(new Error('ECONNREFUSED 10.0.0.7:443 secret-internal-host'));
    const response = await handleHealthRequest(get(`Bearer ${token}`), { token, report: failing });
    expect(response.status).toBe(503);
    expect(await response.text()).not.toMatch(/ECONNREFUSED|internal-host/);
  });

  it('answers 405 to anything but GET', async () => {
    const response = await handleHealthRequest(get(`Bearer ${token}`, 'POST'), { token, report });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});
