import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bundledReviewsOf } from '../../src/lib/campaigns/review/bundle-reviews.ts';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { verifyCrmSignature } from '../../src/lib/crm/verify-crm-signature.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { runAlertRound } from '../../src/lib/ops/alert-loop.ts';
import { bundledLaunchReviews } from '../../src/lib/ops/launch-sources.ts';
import type { BundledLaunchReview } from '../../src/schemas/launch-review.ts';
import { OpsEnvSchema } from '../../src/schemas/ops-env.ts';
import { SpaceExportSchema } from '../../src/schemas/space-export.ts';
import { startAlertSink } from '../fixtures/alert-sink.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';

/**
 * The launch review sends itself: the alert schedule's round (netlify/functions/ops-alerts.mts,
 * and `npm start`'s loop) sends each bundled ticket's review once, on a real PostgreSQL server, to
 * a real loopback receiver, however many rounds race.
 */
let db: TestDatabase;
let sink: Awaited<ReturnType<typeof startAlertSink>>;
const secret = 'launch-review-schedule-secret-0123456789';
beforeAll(async () => {
  db = await realPostgresDatabase({ max: 8 });
  sink = await startAlertSink();
}, 60_000);
afterAll(async () => {
  await sink.close();
  await db.close();
});
beforeEach(async () => {
  await db.query(`TRUNCATE launch_reviews, ops_alerts`);
  sink.received.length = 0;
  sink.answer(200);
});

// The build's side, with a fixed clock and no measurements: every embedded ticket is upcoming.
const buildTime = Date.parse('2026-11-23T12:00:00Z');
const site = mapSpace(SpaceExportSchema.parse(JSON.parse(readFileSync('content/space.json', 'utf8'))));
const built = bundledReviewsOf(site, { now: buildTime, env: {}, resultsDirectory: 'no-evidence-here' });
const env = (url: string | undefined = sink.url) =>
  parseEnv(OpsEnvSchema, url ? { ALERT_WEBHOOK_URL: url, ALERT_WEBHOOK_SECRET: secret } : {}, 'tests');
const round = (reviews: BundledLaunchReview[], at = buildTime + 60_000, url?: string) =>
  runAlertRound({
    db,
    env: env(url),
    reviews: () => Promise.resolve(reviews),
    now: () => at,
    sleep: async () => {},
    log: () => {},
  });
const reviewed = () =>
  sink.received
    .map((message) => JSON.parse(message.body) as { kind?: string; campaign?: string })
    .filter((message) => message.kind === 'launch-review')
    .map((message) => message.campaign);

describe('the launch review, sent by the alert schedule', () => {
  it('the build bundles one review per upcoming ticket, and the function reads the bundled file', async () => {
    expect(built.map((review) => review.campaignKey).sort()).toEqual(
      site.campaigns.map(({ campaign }) => campaign.key).sort(),
    );
    // Written by tests/setup/ops-bundle.ts from the same code a build runs.
    expect(await bundledLaunchReviews(() => {})()).toEqual(expect.any(Array));
  });

  it('two rounds racing send each ticket once, signed; later rounds never again', async () => {
    const results = await Promise.all([round(built), round(built)]);
    expect(results.flatMap((result) => result.reviews).filter((r) => r.result === 'sent')).toHaveLength(
      built.length,
    );
    expect(reviewed().sort()).toEqual(built.map((review) => review.campaignKey).sort());
    for (const message of sink.received)
      expect(verifyCrmSignature({ secrets: [secret], ...message, now: buildTime + 60_000 })).toEqual({
        ok: true,
      });
    sink.received.length = 0;
    await round(built, buildTime + 120_000);
    await Promise.all([round(built, buildTime + 180_000), round(built, buildTime + 180_000)]);
    expect(reviewed()).toEqual([]);
  });

  it('a deploy that changes one ticket sends that one once, and the unchanged ones never again', async () => {
    await round(built);
    sink.received.length = 0;
    const [first, ...rest] = built;
    if (!first) throw new Error('the embedded content has launch tickets');
    const changed = { ...first, ticketHash: 'f'.repeat(64) };
    await Promise.all([round([changed, ...rest]), round([changed, ...rest])]);
    await round([changed, ...rest], buildTime + 120_000);
    expect(reviewed()).toEqual([first.campaignKey]);
  });

  it('waits for a webhook instead of marking reviews sent, and skips campaigns that have ended', async () => {
    expect((await round(built, buildTime, '')).reviews).toEqual([]);
    expect((await db.query('SELECT 1 FROM launch_reviews')).rows).toHaveLength(0);
    const lastEnd = Math.max(...built.map((review) => Date.parse(review.endAt)));
    expect((await round(built, lastEnd + 1)).reviews).toEqual([]);
    await round(built);
    expect(reviewed()).toHaveLength(built.length);
  });

  it('a failed send is sent by a later round', async () => {
    sink.answer(503);
    const failed = await round(built);
    expect(failed.reviews.every((review) => review.result === 'failed')).toBe(true);
    sink.answer(200);
    sink.received.length = 0;
    await round(built, buildTime + 120_000);
    expect(reviewed()).toHaveLength(built.length);
  });
});
