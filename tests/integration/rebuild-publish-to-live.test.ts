import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatedDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { startFakeContentful, type FakeContentful } from '../fixtures/fake-cda/index.ts';
import {
  startFunctionSite,
  type FunctionHandler,
  type FunctionSite,
} from '../fixtures/rebuild-function-site.ts';
import { startBuildHookReceiver, type BuildHookReceiver } from '../fixtures/rebuild-hook-receiver.ts';
import { buildSite } from '../fixtures/fake-cda/site-build.ts';
import { TEST_WEBHOOK_SECRET, signedWebhook } from '../fixtures/webhook-requests.ts';

/**
 * Publish → live, with every third party faked at the wire: a marketer publishes in the fake
 * Contentful, "Contentful" sends the signed webhook over HTTP to the real function, the real
 * webhook closes its window after answering and calls the (local) build hook; the build it stands for syncs only the
 * delta from the fake Contentful and renders the change.
 */

let cms: FakeContentful;
let db: TestDatabase;
let hook: BuildHookReceiver;
let site: FunctionSite;
let workDir: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  // The functions reach Netlify's local database emulation through NETLIFY_DB_URL, as on `npm start`.
  [cms, db, hook] = await Promise.all([startFakeContentful(), emulatedDatabase(), startBuildHookReceiver()]);
  workDir = await mkdtemp(join(tmpdir(), 'floodgate-publish-e2e-'));
  // The site listens first: its address is the SITE_URL the functions are configured with.
  const functions: { webhook?: FunctionHandler; background?: (request: Request) => Promise<Response> } = {};
  site = await startFunctionSite({
    webhook: (request, context) => functions.webhook!(request, context),
    background: (request) => functions.background!(request),
  });
  Object.assign(process.env, {
    CONTENTFUL_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    NETLIFY_BUILD_HOOK_URL: hook.url,
    REBUILD_WINDOW_SECONDS: '1',
    NETLIFY_DB_URL: db.url,
    SITE_URL: site.url,
  });
  functions.webhook = (await import('../../netlify/functions/contentful-webhook.mts')).default;
  functions.background = (await import('../../netlify/functions/rebuild-windows-background.mts')).default;
}, 60_000);

afterAll(async () => {
  process.env = savedEnv;
  // Let closers still running finish before their servers go away.
  await Promise.allSettled([...(site?.pending ?? []), ...(site?.background ?? [])]);
  await Promise.all([site?.close(), hook?.close(), cms?.close(), db?.close()]);
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** The webhook Contentful sends for a publish: the entry as published, signed. */
function publishWebhook(entryId: string): Request {
  const entity = cms.space.entities.get(entryId);
  if (!entity?.published) throw new Error(`${entryId} is not published in the fake`);
  return signedWebhook({
    url: `${site.url}/api/contentful-webhook`,
    signedAt: Date.now(),
    topic: 'ContentManagement.Entry.publish',
    payload: {
      sys: {
        id: entity.id,
        type: 'Entry',
        contentType: { sys: { type: 'Link', linkType: 'ContentType', id: entity.contentTypeId } },
        space: { sys: { type: 'Link', linkType: 'Space', id: cms.spaceId } },
        environment: { sys: { type: 'Link', linkType: 'Environment', id: cms.environment } },
        revision: entity.revision,
      },
      fields: entity.published,
    },
  });
}

describe('publish to live', () => {
  it(
    'a publish in Contentful rebuilds the site once, through the sync delta',
    { timeout: 300_000 },
    async () => {
      const build = async () => {
        const built = await buildSite({
          outDir: join(workDir, 'dist'),
          cacheDir: join(workDir, 'cache'),
          env: cms.env(),
        });
        expect(built.status, built.output).toBe(0);
        return built;
      };
      const winterSale = () => readFile(join(workDir, 'dist/winter-sale/index.html'), 'utf8');
      const heading = 'Winter sale: 40% off until Sunday';

      const first = await build();
      expect(first.output).toMatch(/Contentful: full sync/);
      expect(await winterSale()).not.toContain(heading);

      cms.resetRequests();
      cms.update('hero-winter-sale', (fields) => {
        fields.heading = { ...fields.heading, 'en-US': heading };
      });
      const answer = await fetch(publishWebhook('hero-winter-sale'));
      expect(answer.status).toBe(202);

      // The webhook (after its answer) requests the build as soon as the 1 s window is over.
      await hook.waitFor(1, 30_000);
      await Promise.all([...site.pending, ...site.background]);
      const { rows } = await db.query<{ state: string; events: number }>(
        'SELECT w.state, (SELECT count(*) FROM rebuild_events e WHERE e.window_id = w.id)::int AS events FROM rebuild_windows w',
      );
      expect(rows).toEqual([{ state: 'built', events: 1 }]);
      expect(hook.received[0]?.title).toBe('Contentful: 1 change: published hero “Winter sale 2026 – hero”');

      const second = await build();
      expect(second.output).toMatch(/Contentful: delta sync, 1 changed and 0 removed/);
      const syncs = cms.requests.filter((request) => request.endpoint === 'sync');
      expect(syncs.length).toBeGreaterThan(0);
      expect(syncs.every((request) => request.query.sync_token && !request.query.initial)).toBe(true);
      expect(await winterSale()).toContain(heading);
      expect(hook.received).toHaveLength(1);
    },
  );
});
