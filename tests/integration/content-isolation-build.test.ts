import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentReport } from '../../src/lib/content/content-report.ts';
import { buildSite, type SiteBuildResult } from '../fixtures/fake-cda/site-build.ts';

/** Every file of a build, path → content hash. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = await readdir(dir, { recursive: true, withFileTypes: true });
  const hashes = await Promise.all(
    files
      .filter((file) => file.isFile())
      .map(async (file) => {
        const path = join(file.parentPath, file.name);
        const hash = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
        return [relative(dir, path), hash] as const;
      }),
  );
  return new Map(hashes);
}

interface Entry {
  sys: { id: string };
  fields: Record<string, Record<string, unknown>>;
}

let work: string;
let clean: SiteBuildResult;
let broken: SiteBuildResult;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'floodgate-isolation-'));
  const space = JSON.parse(await readFile('content/space.json', 'utf8')) as { entries: Entry[] };
  const entry = (id: string) => space.entries.find((candidate) => candidate.sys.id === id)!;
  // A marketer blanks the thank-you page's title, and retires the winter sale campaign's only
  // target page (the link now points at a page that no longer exists).
  entry('page-thank-you').fields.title = { 'en-US': ' ', 'de-DE': ' ' };
  entry('campaign-winter-sale-2026').fields.targetPages = {
    'en-US': [{ sys: { type: 'Link', linkType: 'Entry', id: 'page-retired' } }],
  };
  await writeFile(join(work, 'broken.json'), JSON.stringify(space));
  clean = await buildSite({ env: {}, outDir: join(work, 'clean'), cacheDir: join(work, 'cache-clean') });
  broken = await buildSite({
    env: { CONTENT_FILE: join(work, 'broken.json') },
    outDir: join(work, 'broken'),
    cacheDir: join(work, 'cache-broken'),
  });
}, 400_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a build with one broken page and one campaign without targets', () => {
  it('passes, and every other page is byte-identical to a clean build', async () => {
    expect(clean.status, clean.output.slice(-3000)).toBe(0);
    expect(broken.status, broken.output.slice(-3000)).toBe(0);
    const [before, after] = [await snapshot(join(work, 'clean')), await snapshot(join(work, 'broken'))];
    const removed = [...before.keys()].filter((path) => !after.has(path)).sort();
    const added = [...after.keys()].filter((path) => !before.has(path));
    const changed = [...after.keys()].filter(
      (path) => before.has(path) && before.get(path) !== after.get(path),
    );
    expect(removed).toEqual(['de/danke/index.html', 'thank-you/index.html']);
    expect(added).toEqual([]);
    // Besides the report, only the redirects to the page that is gone (the thank-you page is
    // noindex, so the sitemap never listed it).
    expect(changed.sort()).toEqual(['.floodgate/content-report.json', '_redirects']);
    const lines = async (build: string) =>
      (await readFile(join(work, build, '_redirects'), 'utf8')).split('\n').filter(Boolean);
    const [cleanRules, brokenRules] = [await lines('clean'), await lines('broken')];
    expect(brokenRules.filter((line) => !cleanRules.includes(line))).toEqual([]);
    expect(cleanRules.filter((line) => !brokenRules.includes(line))).toEqual([
      '/thank-you/index.html  /thank-you/  301!',
      '/de/danke/index.html  /de/danke/  301!',
      '/danke/  /thank-you/  301',
      '/de/thank-you/  /de/danke/  301',
    ]);
    expect(before.size).toBeGreaterThan(15);
  });

  it('names both entries once in the report, with what the site shows instead, and no stack trace', async () => {
    const report = JSON.parse(
      await readFile(join(work, 'broken', '.floodgate/content-report.json'), 'utf8'),
    ) as ContentReport;
    const about = (id: string) => report.problems.filter((problem) => problem.entryId === id);
    expect(about('page-thank-you')).toEqual([
      expect.objectContaining({
        severity: 'error',
        field: 'title',
        locales: ['en-US', 'de-DE'],
        pages: ['/thank-you/', '/de/danke/'],
        instead: expect.stringMatching(/404/),
      }),
    ]);
    expect(about('campaign-winter-sale-2026')).toEqual([
      expect.objectContaining({ severity: 'readiness', entryName: 'Winter sale 2026', field: 'targetPages' }),
    ]);
    expect(report.problems.map((problem) => problem.entryId).sort()).toEqual([
      'campaign-winter-sale-2026',
      'page-thank-you',
    ]);
    expect(broken.output).toMatch(/Content report: 1 error, 0 warnings, 1 campaign finding/);
    expect(broken.output).toMatch(/The site shows instead: nothing: the page is not published/);
    expect(broken.output).not.toMatch(/was not found|\n\s+at .*\.(ts|js|mjs):\d+/);
    expect(clean.output).toMatch(/Content report: no problems/);
  });
});
