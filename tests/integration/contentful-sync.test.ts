import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withSyntheticPages } from '../../bench/synthetic-space.ts';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { apiContext, createCdaClient } from '../../src/lib/contentful/cda-client.ts';
import { createSdkSyncSource } from '../../src/lib/contentful/sdk-sync-source.ts';
import { syncSpace, type SyncOutcome } from '../../src/lib/contentful/sync-space.ts';
import type { ContentfulConfig } from '../../src/schemas/contentful-env.ts';
import {
  configOf,
  embeddedSpace,
  startFakeContentful,
  type FakeContentful,
} from '../fixtures/fake-cda/index.ts';

let cms: FakeContentful;
let config: ContentfulConfig;
const logs: string[] = [];
const log = {
  info: (line: string) => logs.push(`info ${line}`),
  warn: (line: string) => logs.push(`warn ${line}`),
};

async function sync(saved?: SyncOutcome, options: { config?: ContentfulConfig } = {}) {
  const used = options.config ?? config;
  const client = createCdaClient(used, 'delivery', {
    log: (level, message) => logs.push(`${level} ${message}`),
  });
  return syncSpace({
    source: createSdkSyncSource(client, apiContext(used, 'delivery')),
    sourceKey: 'fake/master',
    saved: saved && JSON.stringify(saved.state),
    log,
  });
}

const syncRequests = () => cms.requests.filter((request) => request.endpoint === 'sync');

beforeEach(async () => {
  cms = await startFakeContentful();
  config = configOf(cms);
  logs.length = 0;
});
afterEach(() => cms.close());

describe('syncing a space through the real SDK', () => {
  it('mirrors the embedded space exactly on a first sync', async () => {
    const first = await sync();
    expect(first.report).toMatchObject({ mode: 'full', pages: 1, deleted: 0 });
    expect(mapSpace(first.space)).toEqual(mapSpace(await embeddedSpace()));
    expect(logs).toContainEqual(expect.stringMatching(/full sync, because there is no saved sync state/));
  });

  it('fetches only the changes after an edit, an addition, a deletion and an unpublish', async () => {
    const first = await sync();
    cms.resetRequests();
    cms.update('hero-home', (fields) => void (fields.heading['en-US'] = 'Hear every customer, live'));
    cms.create('faq-sale-new', {
      contentType: 'faqItem',
      fields: { question: { 'en-US': 'New question?' }, answer: { 'en-US': 'New answer.' } },
    });
    cms.update(
      'faq-winter-sale',
      (fields) =>
        void (fields.items['en-US'] as unknown[]).push({
          sys: { type: 'Link', linkType: 'Entry', id: 'faq-sale-new' },
        }),
    );
    cms.delete('faq-sale-combine');
    cms.unpublish('testimonials-insights-2');

    const second = await sync(first);
    expect(second.report).toMatchObject({ mode: 'delta', pages: 1, upserted: 3, deleted: 2 });
    expect(syncRequests()).toHaveLength(1);
    expect(syncRequests()[0].query).toHaveProperty('sync_token');
    expect(cms.requests.map((request) => request.endpoint).sort()).toEqual([
      'content_types',
      'locales',
      'sync',
    ]);

    const ids = second.space.entries.map((entry) => entry.sys.id);
    expect(ids).toContain('faq-sale-new');
    expect(ids).not.toContain('faq-sale-combine');
    expect(ids).not.toContain('testimonials-insights-2');
    const home = second.space.entries.find((entry) => entry.sys.id === 'hero-home');
    expect(home?.fields.heading?.['en-US']).toBe('Hear every customer, live');
  });

  it('turns content that breaks the model into build errors in marketer terms, and skips unpublished blocks', async () => {
    const first = await sync();
    // An empty heading is no longer a mistake (the page Title stands in); one over 90 characters is.
    cms.update('hero-home', (fields) => void (fields.heading = { 'en-US': 'x'.repeat(100) }));
    cms.unpublish('faq-sale-combine');
    const second = await sync(first);
    expect(() => mapSpace(second.space)).toThrow(
      /hero ".*" \(hero-home\) › heading \[en-US.*\]: keep the heading to 90 characters or fewer/,
    );
    cms.update('hero-home', (fields) => void (fields.heading = { 'en-US': 'Back again' }));
    const third = await sync(second);
    expect(mapSpace(third.space).warnings).toContainEqual(
      expect.stringMatching(
        /faq .* › items \[en-US, de-DE\]: skipped a link to entry faq-sale-combine, which is missing or not published/,
      ),
    );
  });

  it('pages through a large initial sync and reports progress against the total', async () => {
    await cms.close();
    cms = await startFakeContentful({ space: withSyntheticPages(await embeddedSpace(), 100) });
    const first = await sync(undefined, { config: configOf(cms) });
    const total = first.report.entries + first.report.assets;
    expect(total).toBeGreaterThan(1000);
    expect(first.report.pages).toBe(2);
    expect(logs).toContainEqual(
      `info Contentful: synced 1,000 of ${total.toLocaleString('en-US')} entries and assets (page 1)`,
    );
  });

  it('falls back to a full sync, with a warning, when the saved token is rejected', async () => {
    const first = await sync();
    cms.expireSyncTokens();
    cms.update('hero-home', (fields) => void (fields.heading['en-US'] = 'After expiry'));
    const second = await sync(first);
    expect(second.report.mode).toBe('full');
    expect(logs).toContainEqual(
      expect.stringMatching(
        /^warn Contentful rejected the saved sync token \(400 BadRequest\); starting a full sync/,
      ),
    );
    expect(
      second.space.entries.find((entry) => entry.sys.id === 'hero-home')?.fields.heading?.['en-US'],
    ).toBe('After expiry');
  });

  it('retries a burst of 429s after the advised delay and says so in the log', async () => {
    cms.rateLimitNext(3, 1);
    const first = await sync();
    expect(first.report.mode).toBe('full');
    const limited = cms.requests.filter((request) => request.status === 429);
    expect(limited).toHaveLength(3);
    const waits = logs.flatMap(
      (line) => /^warning Rate limit error occurred\. Waiting for (\d+) ms/.exec(line)?.[1] ?? [],
    );
    expect(waits).toHaveLength(3);
    // X-Contentful-RateLimit-Reset: 1 second, plus the SDK's own 500-700 ms margin.
    for (const wait of waits) expect(Number(wait)).toBeGreaterThanOrEqual(1500);
    // The totals behind the progress line are optional, so only the requests the sync needs are checked.
    const needed = limited.filter((request) =>
      ['sync', 'locales', 'content_types'].includes(request.endpoint),
    );
    expect(needed.length).toBeGreaterThan(0);
    for (const refused of needed) {
      const retry = cms.requests.find(
        (request) =>
          request.at > refused.at && request.status === 200 && request.endpoint === refused.endpoint,
      );
      expect(retry!.at - refused.at).toBeGreaterThanOrEqual(1000);
    }
  });

  it('fails with a clear message, without the token, when the delivery token is wrong', async () => {
    const wrong = { ...config, deliveryToken: 'not-the-right-token-000' };
    const failure = sync(undefined, { config: wrong });
    await expect(failure).rejects.toThrow(
      /^Contentful rejected CONTENTFUL_DELIVERY_TOKEN \(401 AccessTokenInvalid\) for space floodgatefake, environment master/,
    );
    await expect(failure).rejects.not.toThrow(/not-the-right-token/);
  });
});
