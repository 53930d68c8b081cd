import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assessCampaigns } from '../../src/lib/campaigns/assess-site.ts';
import { launchReviews } from '../../src/lib/campaigns/review/launch-reviews.ts';
import { reviewTicketOf, reviewTickets } from '../../src/lib/campaigns/review/review-tickets.ts';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { signCrmRequest } from '../../src/lib/crm/crm-signature.ts';
import { sendAlert } from '../../src/lib/ops/alert-webhook.ts';
import { CampaignEnvSchema } from '../../src/schemas/campaign-env.ts';
import { SpaceExportSchema } from '../../src/schemas/space-export.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';

/**
 * The launch review reaches the alert channel once per published or changed ticket, however many
 * runs race: a real PostgreSQL server, a real HTTP receiver on loopback, the real signed sender.
 */
const secret = 'launch-review-test-secret-0123456789abcdef';
let db: TestDatabase;
let server: Server;
let url: string;
let failing = false;
const received: { body: string; signatureOk: boolean }[] = [];
beforeAll(async () => {
  db = await realPostgresDatabase({ max: 8 });
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(request.headers['x-floodgate-timestamp']);
      const signatureOk =
        request.headers['x-floodgate-signature'] === signCrmRequest(secret, timestamp, body);
      if (failing) response.writeHead(400).end();
      else {
        received.push({ body, signatureOk });
        response.writeHead(200).end('ok');
      }
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
}, 60_000);
afterAll(async () => {
  await new Promise((closed) => server.close(closed));
  await db.close();
});
beforeEach(async () => {
  received.length = 0;
  failing = false;
  await db.query('TRUNCATE launch_reviews');
});

const site = mapSpace(SpaceExportSchema.parse(JSON.parse(readFileSync('content/space.json', 'utf8'))));
const now = Date.parse('2026-11-23T12:00:00Z');
const reviews = (campaigns = site.campaigns) =>
  launchReviews(
    site,
    assessCampaigns(site, campaigns, {
      evidence: { capacity: undefined, loadTests: [], problems: [] },
      env: CampaignEnvSchema.parse({}),
      now,
    }),
  );
const hook = { secret, fetch: globalThis.fetch, now: () => now, sleep: async () => {}, attempts: 1 };
const run = (tickets = reviews()) =>
  reviewTickets({
    db,
    tickets: tickets.map(reviewTicketOf),
    now,
    send: (message) => sendAlert({ ...hook, url }, message),
  });

describe('launch reviews', () => {
  it('four runs racing send each published ticket once, signed', async () => {
    const results = await Promise.all([run(), run(), run(), run()]);
    const sent = results.flat().filter((result) => result.result === 'sent');
    expect(sent.map((result) => result.campaign).sort()).toEqual(
      site.campaigns.map((c) => c.campaign.key).sort(),
    );
    expect(received).toHaveLength(site.campaigns.length);
    expect(received.every((message) => message.signatureOk)).toBe(true);
    expect(JSON.parse(received[0].body)).toMatchObject({ kind: 'launch-review', blocks: expect.any(Array) });
  });

  it('a changed ticket is reviewed again; an unchanged one is not', async () => {
    await run();
    received.length = 0;
    const [first, ...rest] = site.campaigns;
    const changed = {
      ...first,
      campaign: { ...first.campaign, emailsSent: (first.campaign.emailsSent ?? 0) + 1000 },
    };
    const results = await run(reviews([changed, ...rest]));
    expect(results.filter((r) => r.result === 'sent').map((r) => r.campaign)).toEqual([first.campaign.key]);
    expect(received).toHaveLength(1);
  });

  it('a failed send is tried again by the next run, and recorded meanwhile', async () => {
    failing = true;
    const failed = await run();
    expect(failed.every((result) => result.result === 'failed' && result.error === 'HTTP 400')).toBe(true);
    const errors = await db.query<{ send_error: string }>('SELECT send_error FROM launch_reviews');
    expect(errors.rows.every((row) => row.send_error === 'HTTP 400')).toBe(true);
    failing = false;
    expect((await run()).every((result) => result.result === 'sent')).toBe(true);
  });
});
