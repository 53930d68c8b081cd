import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { getStore } from '@netlify/blobs';
import { BlobsServer } from '@netlify/blobs/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDueWindows } from '../../src/lib/rebuild/close-windows.ts';
import { formatRebuildStatus } from '../../src/lib/rebuild/format-status.ts';
import { handleContentfulWebhook } from '../../src/lib/rebuild/handle-webhook.ts';
import { REBUILD_STORE_NAME } from '../../src/lib/rebuild/rebuild-stores.ts';
import { rebuildStore } from '../../src/lib/rebuild/rebuild-store.ts';
import { readRebuildStatus } from '../../src/lib/rebuild/rebuild-status.ts';
import { LOCAL_BLOBS_DIRECTORY, LOCAL_SITE_ID } from '../../scripts/lib/blobs.ts';
import { contentTypeSchemas } from '../../src/schemas/content-types.ts';
import { manualClock, sequentialIds } from '../fixtures/rebuild-clock.ts';
import { TEST_TIMING } from '../fixtures/rebuild-harness.ts';
import { startBuildHookReceiver, type BuildHookReceiver } from '../fixtures/rebuild-hook-receiver.ts';
import { TEST_WEBHOOK_SECRET, entryPayload, signedWebhook } from '../fixtures/webhook-requests.ts';

const run = promisify(execFile);
const t0 = Date.UTC(2026, 10, 23, 12, 0, 0);
let projectRoot: string;
let hook: BuildHookReceiver;
const clock = manualClock(t0);

// The local data of `npm start`: a Blobs server on <project>/.netlify/blobs-serve, site "0".
beforeAll(async () => {
  projectRoot = await mkdtemp(join(tmpdir(), 'floodgate-rebuild-status-'));
  hook = await startBuildHookReceiver();
  const server = new BlobsServer({
    directory: join(projectRoot, LOCAL_BLOBS_DIRECTORY),
    token: 't',
    port: 0,
  });
  const { port } = await server.start();
  const url = `http://127.0.0.1:${port}`;
  const store = rebuildStore(
    getStore({
      name: REBUILD_STORE_NAME,
      siteID: LOCAL_SITE_ID,
      token: 't',
      edgeURL: url,
      uncachedEdgeURL: url,
      consistency: 'strong',
    }),
  );
  const newId = sequentialIds('evt');
  const publish = (id: string, title: string) =>
    handleContentfulWebhook(
      signedWebhook({ payload: entryPayload(id, 'landingPage', { title }), signedAt: clock.now() }),
      {
        secret: TEST_WEBHOOK_SECRET,
        maxAgeMs: 60_000,
        timing: TEST_TIMING,
        store,
        now: clock.now,
        newId,
        siteContentTypes: new Set(Object.keys(contentTypeSchemas)),
      },
    );
  const close = () =>
    closeDueWindows({
      store,
      now: clock.now,
      sleep: clock.sleep,
      newId: sequentialIds('closer'),
      fetch: globalThis.fetch,
      hook: { url: hook.url },
      timing: TEST_TIMING,
      retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 10, timeoutMs: 2_000 },
      logError: () => {},
    });
  await publish('page-sale', 'Winter sale');
  clock.set(t0 + 40_000);
  await close();
  await publish('page-launch', 'Product launch');
  hook.behave({ status: 500 });
  clock.set(t0 + 80_000);
  await close();
  expect(hook.received).toHaveLength(1);
  await server.stop();
});

afterAll(async () => {
  await hook.close();
  await rm(projectRoot, { recursive: true, force: true });
});

describe('npm run rebuild:status', () => {
  it('shows windows, build hook calls with their results, and events, newest first', async () => {
    const server = new BlobsServer({
      directory: join(projectRoot, LOCAL_BLOBS_DIRECTORY),
      token: 't',
      port: 0,
    });
    const { port } = await server.start();
    const url = `http://127.0.0.1:${port}`;
    const store = rebuildStore(
      getStore({
        name: REBUILD_STORE_NAME,
        siteID: LOCAL_SITE_ID,
        token: 't',
        edgeURL: url,
        uncachedEdgeURL: url,
        consistency: 'strong',
      }),
    );
    const status = await readRebuildStatus(store, { now: clock.now(), timing: TEST_TIMING, limit: 20 });
    await server.stop();
    expect(formatRebuildStatus(status, 'local (test)')).toMatchInlineSnapshot(`
      "Rebuilds in local (test) at 2026-11-23 12:01:21 UTC (window 30 s)
      FAILING: the last build hook call (2026-11-23 12:01:21) ended with HTTP 500; 1 window(s) wait and are retried every minute

      Windows (newest first)
        opens                closes               status  events  failed calls
        2026-11-23 12:00:41  2026-11-23 12:01:11  due     1       1
        2026-11-23 12:00:00  2026-11-23 12:00:30  built   1       0

      Build hook calls (newest first)
        started              result             attempts  windows  title
        2026-11-23 12:01:21  FAILED (HTTP 500)  2         1        Contentful: 1 change: published landingPage “Product launch”
        2026-11-23 12:00:41  ok (HTTP 200)      1         1        Contentful: 1 change: published landingPage “Winter sale”

      Recent events (newest first)
        received             topic          entity                   name
        2026-11-23 12:00:41  Entry.publish  landingPage page-launch  Product launch
        2026-11-23 12:00:00  Entry.publish  landingPage page-sale    Winter sale"
    `);
  });

  it('prints the same as JSON from the real script', async () => {
    const script = resolve('scripts/rebuild/status.ts');
    const { stdout } = await run(resolve('node_modules/.bin/node'), [script, '--json', '--limit', '5'], {
      cwd: projectRoot,
      env: { ...process.env, NETLIFY_SITE_ID: '', NETLIFY_AUTH_TOKEN: '' },
    });
    const printed = JSON.parse(stdout);
    expect(printed).toMatchObject({ failing: true, due: 1, windowSeconds: 30 });
    expect(
      printed.calls.map((call: { ok: boolean; lastResult: string }) => [call.ok, call.lastResult]),
    ).toEqual([
      [false, 'HTTP 500'],
      [true, 'HTTP 200'],
    ]);
    expect(printed.events.map((event: { label: string }) => event.label)).toEqual([
      'Product launch',
      'Winter sale',
    ]);
  });

  it('refuses a malformed --limit with the usage', async () => {
    const script = resolve('scripts/rebuild/status.ts');
    await expect(
      run(resolve('node_modules/.bin/node'), [script, '--limit', 'all'], { cwd: projectRoot }),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('--limit must be a whole number'),
    });
  });
});
