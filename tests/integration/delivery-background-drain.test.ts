import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDevCrm, type DevCrm } from '../../scripts/dev-crm/dev-crm.ts';
import { drainerLease } from '../../src/lib/delivery/background-drain.ts';
import { leadQueueIn } from '../../src/lib/queue/blobs-lead-queue.ts';
import { LEAD_QUEUE_NAME, LEAD_STORE_NAME } from '../../src/lib/queue/lead-stores.ts';
import {
  blobsContextFor,
  blobsStore,
  startBlobsServer,
  type RunningBlobsServer,
} from '../fixtures/blobs-server.ts';
import { crmSecret, enqueueLeads } from '../fixtures/delivery-harness.ts';

/**
 * The scheduled worker (deliver-leads.mts) runs out of budget with a backlog and starts the
 * background drainer (deliver-leads-background.mts), which drains the rest: both real functions,
 * a real Blobs server, the dev CRM, and a site server that answers background functions 202 at
 * once and runs them after, as Netlify does.
 */
type Handler = (request: Request) => Promise<Response>;

let blobs: RunningBlobsServer;
let crm: DevCrm;
let site: Server;
const background: Promise<Response>[] = [];
let backgroundHandler: Handler;

beforeAll(async () => {
  blobs = await startBlobsServer();
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
    NETLIFY_BLOBS_CONTEXT: blobsContextFor(blobs),
    URL: `http://127.0.0.1:${(site.address() as AddressInfo).port}`,
    CRM_WEBHOOK_URL: crm.webhookUrl,
    CRM_WEBHOOK_SECRET: crmSecret,
    LEADS_DELIVERY_RATE: '100',
    LEADS_DELIVERY_BURST: '10',
    LEADS_DELIVERY_TIME_BUDGET_MS: '1000',
    LEADS_DELIVERY_TIMEOUT_MS: '2000',
  });
  backgroundHandler = (await import('../../netlify/functions/deliver-leads-background.mts')).default;
});
afterAll(async () => {
  await new Promise((done) => site.close(done));
  await crm.close();
  await blobs.stop();
});

describe('continuous delivery', () => {
  it('a backlog outlasting the scheduled budget is drained by the background drainer, each lead once', async () => {
    const store = blobsStore(blobs, LEAD_STORE_NAME);
    const queue = leadQueueIn(store);
    const ids = await enqueueLeads(queue, 250);
    const scheduled: Handler = (await import('../../netlify/functions/deliver-leads.mts')).default;

    const run = (await (
      await scheduled(new Request('http://site/.netlify/functions/deliver-leads'))
    ).json()) as { delivered: number };
    expect(run).toMatchObject({ stoppedBecause: 'time-budget', backgroundDrainStarted: true });
    expect(run.delivered).toBeLessThan(ids.length);
    expect(background).toHaveLength(1);
    // A second scheduled run while the drainer holds the lease starts no second one.
    const overlapping = (await (
      await scheduled(new Request('http://site/.netlify/functions/deliver-leads'))
    ).json()) as { backgroundDrainStarted: boolean };
    expect(overlapping.backgroundDrainStarted).toBe(false);

    expect((await background[0])?.status).toBe(204);
    const delivered = crm.received().map((lead) => lead.id);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect([...delivered].sort()).toEqual([...ids].sort());
    expect(await queue.depth()).toBe(0);
    // The drainer let go of its lease, so the next backlog gets a drainer at once.
    expect(await drainerLease(store, LEAD_QUEUE_NAME).read()).toBeLessThanOrEqual(Date.now());
  });

  it('refuses to start for anyone without the token', async () => {
    const response = await backgroundHandler(new Request('http://site/', { method: 'POST' }));
    expect(response.status).toBe(401);
  });
});
