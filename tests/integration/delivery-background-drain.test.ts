import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDevCrm, type DevCrm } from '../../scripts/dev-crm/dev-crm.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { crmSecret, enqueueLeads } from '../fixtures/delivery-harness.ts';

/**
 * The safety-net schedule (deliver-leads.mts) finds leads due and no drainer, and starts the
 * background drainer (deliver-leads-background.mts), which drains them all: both real functions,
 * a real PostgreSQL, the dev CRM, and a site server that answers background functions 202 at once
 * and runs them after, as Netlify does.
 */
type Handler = (request: Request) => Promise<Response>;

let db: TestDatabase;
let crm: DevCrm;
let site: Server;
const background: Promise<Response>[] = [];
let backgroundHandler: Handler;

beforeAll(async () => {
  db = await realPostgresDatabase();
  crm = await startDevCrm({ secret: crmSecret });
  site = createServer((request, response) => {
    if (request.url !== '/.netlify/functions/deliver-leads-background')
      return void response.writeHead(404).end();
    const headers = new Headers(request.headers as Record<string, string>);
    background.push(backgroundHandler(new Request('http://site/', { method: 'POST', headers })));
    response.writeHead(202).end();
  });
  await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
  vi.resetModules();
  Object.assign(process.env, {
    NETLIFY_DB_URL: db.url,
    DEPLOY_URL: `http://127.0.0.1:${(site.address() as AddressInfo).port}`,
    CRM_WEBHOOK_URL: crm.webhookUrl,
    CRM_WEBHOOK_SECRET: crmSecret,
    LEADS_DELIVERY_RATE: '200',
    LEADS_DELIVERY_BURST: '10',
    LEADS_DELIVERY_TIMEOUT_MS: '2000',
  });
  backgroundHandler = (await import('../../netlify/functions/deliver-leads-background.mts')).default;
}, 60_000);
afterAll(async () => {
  for (const name of [
    'NETLIFY_DB_URL',
    'DEPLOY_URL',
    'CRM_WEBHOOK_URL',
    'CRM_WEBHOOK_SECRET',
    'LEADS_DELIVERY_RATE',
    'LEADS_DELIVERY_BURST',
    'LEADS_DELIVERY_TIMEOUT_MS',
  ])
    delete process.env[name];
  await new Promise((done) => site.close(done));
  await crm.close();
  await db.close();
});

describe('the background drainer', () => {
  it('an idle site: the safety net makes one query and starts nothing', async () => {
    const scheduled: Handler = (await import('../../netlify/functions/deliver-leads.mts')).default;
    const run = await (await scheduled(new Request('http://site/.netlify/functions/deliver-leads'))).json();
    expect(run).toEqual({ drainer: 'not-needed' });
    expect(background).toHaveLength(0);
  });

  it('leads due and no drainer: the schedule starts exactly one, which delivers each lead once and lets go', async () => {
    const queue = createPostgresLeadQueue({ db, now: Date.now, random: Math.random });
    const ids = await enqueueLeads(queue, 250, 'backlog', Date.now() - 1_000);
    const scheduled: Handler = (await import('../../netlify/functions/deliver-leads.mts')).default;
    const first = await (await scheduled(new Request('http://site/.netlify/functions/deliver-leads'))).json();
    expect(first).toEqual({ drainer: 'started' });
    // A second run while the drainer starts (or drains) starts no second one.
    const overlapping = await (
      await scheduled(new Request('http://site/.netlify/functions/deliver-leads'))
    ).json();
    expect(overlapping).toEqual({ drainer: 'not-needed' });
    expect(background).toHaveLength(1);

    expect((await background[0])?.status).toBe(204);
    const delivered = crm.received().map((lead) => lead.id);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect([...delivered].sort()).toEqual([...ids].sort());
    expect(await queue.depth()).toBe(0);
    // It let go of its lease, so the next lead starts a drainer at once.
    const { rows } = await db.query<{ holder: string | null; expires_at: Date }>(
      'SELECT holder, expires_at FROM delivery_drainer',
    );
    expect(rows[0]?.holder).toBeNull();
    expect(rows[0]?.expires_at.getTime()).toBeLessThanOrEqual(Date.now());
  }, 30_000);

  it('refuses to start for anyone without the token', async () => {
    const response = await backgroundHandler(new Request('http://site/', { method: 'POST' }));
    expect(response.status).toBe(401);
  });
});
