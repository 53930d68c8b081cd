import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBackgroundDrain } from '../../src/lib/delivery/background-drain.ts';
import { kickDrainerIfIdle } from '../../src/lib/delivery/drainer-kick.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { DEV_CRM_WEBHOOK_SECRET } from '../../src/schemas/delivery-env.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { enqueueLeads } from '../fixtures/delivery-harness.ts';

/**
 * A site with no CRM configured (a fresh clone, a deploy preview): a lead kicks the background
 * drainer, which has nowhere to deliver. It must let go of the drainer lease at once (not hold the
 * kick's `starting` reservation for a minute) and say so in one line, without a stack trace.
 * The real function, a real PostgreSQL, and a site server answering background functions 202.
 */
type Handler = (request: Request) => Promise<Response>;

let db: TestDatabase;
let site: Server;
let siteUrl: string;
const background: Promise<Response>[] = [];
let backgroundHandler: Handler;

beforeAll(async () => {
  db = await realPostgresDatabase();
  site = createServer((request, response) => {
    const headers = new Headers(request.headers as Record<string, string>);
    background.push(backgroundHandler(new Request('http://site/', { method: 'POST', headers })));
    response.writeHead(202).end();
  });
  await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  vi.resetModules();
  delete process.env.CRM_WEBHOOK_URL;
  delete process.env.CRM_WEBHOOK_SECRET;
  Object.assign(process.env, { NETLIFY_DB_URL: db.url, DEPLOY_URL: siteUrl });
  backgroundHandler = (await import('../../netlify/functions/deliver-leads-background.mts')).default;
}, 60_000);
afterAll(async () => {
  delete process.env.NETLIFY_DB_URL;
  delete process.env.DEPLOY_URL;
  await new Promise((done) => site.close(done));
  await db.close();
});

describe('a background drainer with no CRM configured', () => {
  it('releases the lease at once and says once, in one line, what is off', async () => {
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
    const errors = vi.spyOn(console, 'error');
    const queue = createPostgresLeadQueue({ db, now: Date.now, random: Math.random });
    await enqueueLeads(queue, 3, 'no-crm', Date.now() - 1_000);
    const trigger = () => startBackgroundDrain({ siteUrl, secret: DEV_CRM_WEBHOOK_SECRET, fetch });

    for (const round of [0, 1]) {
      // Each kick finds the lease free: the previous drainer did not sit on its reservation.
      expect(await kickDrainerIfIdle({ db, now: Date.now, trigger })).toBe('started');
      expect((await background[round])?.status).toBe(204);
      const { rows } = await db.query<{ holder: string | null; expires_at: Date }>(
        'SELECT holder, expires_at FROM delivery_drainer',
      );
      expect(rows[0]?.holder).toBeNull();
      expect(rows[0]?.expires_at.getTime()).toBeLessThanOrEqual(Date.now());
    }
    expect(await queue.depth()).toBe(3);
    const lines = logged.mock.calls.map((call) => String(call[0]));
    expect(lines.filter((line) => line.includes('CRM_WEBHOOK_URL is not set'))).toHaveLength(1);
    expect(lines.join('\n')).not.toMatch(/CrmNotConfiguredError|\n\s+at /);
    expect(errors).not.toHaveBeenCalled();
    logged.mockRestore();
  }, 30_000);
});
