import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRebuildStatus } from '../../src/lib/rebuild/format-status.ts';
import { readRebuildStatus } from '../../src/lib/rebuild/rebuild-status.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { sequentialIds, type ManualClock } from '../fixtures/rebuild-clock.ts';
import { rebuildHarness, TEST_TIMING } from '../fixtures/rebuild-harness.ts';
import { startBuildHookReceiver, type BuildHookReceiver } from '../fixtures/rebuild-hook-receiver.ts';

const run = promisify(execFile);
const t0 = Date.UTC(2026, 10, 23, 12, 0, 0);
let projectRoot: string;
let db: TestDatabase;
let hook: BuildHookReceiver;
let clock: ManualClock;

beforeAll(async () => {
  projectRoot = await mkdtemp(join(tmpdir(), 'floodgate-rebuild-status-'));
  [db, hook] = await Promise.all([realPostgresDatabase(), startBuildHookReceiver()]);
  const rebuild = rebuildHarness(db, hook.url, {
    start: t0,
    webhook: { newId: sequentialIds('evt') },
  });
  clock = rebuild.clock;
  const closerIds = sequentialIds('closer');
  const close = () =>
    rebuild.close({
      newId: closerIds,
      retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 10, timeoutMs: 2_000 },
    });
  await rebuild.publish('page-sale', 'landingPage', 'Winter sale');
  clock.set(t0 + 40_000);
  await close();
  await rebuild.publish('page-launch', 'landingPage', 'Product launch');
  hook.behave({ status: 500 });
  clock.set(t0 + 80_000);
  await close();
  expect(hook.received).toHaveLength(1);
});

afterAll(async () => {
  await Promise.all([hook.close(), db.close()]);
  await rm(projectRoot, { recursive: true, force: true });
});

describe('npm run rebuild:status', () => {
  it('shows windows, build hook calls with their results, and events, newest first', async () => {
    const status = await readRebuildStatus(db, {
      now: clock.now(),
      windowSeconds: TEST_TIMING.windowMs / 1000,
      limit: 20,
    });
    expect(formatRebuildStatus(status, 'local (test)')).toMatchInlineSnapshot(`
      "Rebuilds in local (test) at 2026-11-23 12:01:20 UTC (window 30 s)
      FAILING: the last build hook call (2026-11-23 12:01:20) ended with HTTP 500; its windows wait and are retried

      Windows (newest first)
        opens                closes               status    events  failed calls
        2026-11-23 12:00:40  2026-11-23 12:01:10  retrying  1       1
        2026-11-23 12:00:00  2026-11-23 12:00:30  built     1       0

      Build hook calls (newest first)
        started              result             attempts  windows  title
        2026-11-23 12:01:20  FAILED (HTTP 500)  2         1        Contentful: 1 change: published landingPage “Product launch”
        2026-11-23 12:00:40  ok (HTTP 200)      1         1        Contentful: 1 change: published landingPage “Winter sale”

      Recent events (newest first)
        received             topic          entity                   name
        2026-11-23 12:00:40  Entry.publish  landingPage page-launch  Product launch
        2026-11-23 12:00:00  Entry.publish  landingPage page-sale    Winter sale"
    `);
  });

  it('prints the same as JSON from the real script', async () => {
    const script = resolve('scripts/rebuild/status.ts');
    const { stdout } = await run(process.execPath, [script, '--json', '--limit', '5'], {
      cwd: projectRoot,
      env: { ...process.env, NETLIFY_DB_URL: db.url },
    });
    const printed = JSON.parse(stdout) as {
      calls: Array<{ ok: boolean; lastResult: string }>;
      events: Array<{ label: string }>;
      database: string;
    };
    expect(printed).toMatchObject({ failing: true, windowSeconds: 30 });
    expect(printed.database).toMatch(/^127\.0\.0\.1:\d+\/floodgate_/);
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

  // Creating a PGlite data directory takes seconds (more on a busy machine); no assertion on time.
  it(
    'reads the local database in .netlify/db when no NETLIFY_DB_URL is set',
    { timeout: 90_000 },
    async () => {
      const script = resolve('scripts/rebuild/status.ts');
      const { stdout } = await run(process.execPath, [script], {
        cwd: projectRoot,
        env: { ...process.env, NETLIFY_DB_URL: '' },
      });
      expect(stdout).toMatch(
        /^Rebuilds in local \(\.netlify\/db\) at .* UTC \(window 30 s\)\nidle: every publish has been built\n/,
      );
    },
  );

  it('refuses a malformed --limit with the usage', async () => {
    const script = resolve('scripts/rebuild/status.ts');
    await expect(
      run(process.execPath, [script, '--limit', 'all'], { cwd: projectRoot }),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('--limit must be a whole number'),
    });
  });
});
