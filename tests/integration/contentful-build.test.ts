import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFunctionServer, type FunctionServer } from '../fixtures/fake-cda/function-server.ts';
import { startFakeContentful, type FakeContentful } from '../fixtures/fake-cda/index.ts';
import { buildSite, type SiteBuildResult } from '../fixtures/fake-cda/site-build.ts';

/** Every file of a build, path → content hash. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = await readdir(dir, { recursive: true, withFileTypes: true });
  const entries = await Promise.all(
    files
      .filter((file) => file.isFile())
      .map(async (file) => {
        const path = join(file.parentPath, file.name);
        return [
          relative(dir, path),
          createHash('sha256')
            .update(await readFile(path))
            .digest('hex'),
        ] as const;
      }),
  );
  return new Map(entries.sort(([a], [b]) => a.localeCompare(b)));
}

function diff(before: Map<string, string>, after: Map<string, string>) {
  return {
    added: [...after.keys()].filter((path) => !before.has(path)),
    removed: [...before.keys()].filter((path) => !after.has(path)),
    changed: [...after.keys()].filter((path) => before.has(path) && before.get(path) !== after.get(path)),
  };
}

const expectBuilt = (build: SiteBuildResult) => {
  if (build.status !== 0) throw new Error(`build failed:\n${build.output.slice(-4000)}`);
};

let work: string;
let cms: FakeContentful;
let first: SiteBuildResult;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'floodgate-contentful-'));
  cms = await startFakeContentful();
  first = await buildSite({ env: cms.env(), outDir: join(work, 'first'), cacheDir: join(work, 'cache') });
  expectBuilt(first);
}, 180_000);

afterAll(async () => {
  await cms?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('building from Contentful', () => {
  it('produces exactly the site the embedded content/ produces', async () => {
    const embedded = await buildSite({
      env: {},
      outDir: join(work, 'embedded'),
      cacheDir: join(work, 'cache-embedded'),
    });
    expectBuilt(embedded);
    expect(first.output).toMatch(/Contentful: full sync, because there is no saved sync state/);
    const [fromContentful, fromFile] = [
      await snapshot(join(work, 'first')),
      await snapshot(join(work, 'embedded')),
    ];
    expect(fromContentful.size).toBeGreaterThan(10);
    expect(diff(fromFile, fromContentful)).toEqual({ added: [], removed: [], changed: [] });
  }, 120_000);

  it('rebuilds from the delta: an edit, an addition, a deletion and an unpublish, and nothing else', async () => {
    cms.update('hero-home', (fields) => void (fields.heading['en-US'] = 'Hear every customer, live'));
    cms.create('page-spring', {
      contentType: 'landingPage',
      fields: {
        title: { 'en-US': 'Spring preview' },
        slug: { 'en-US': 'spring-preview' },
        sections: { 'en-US': [{ sys: { type: 'Link', linkType: 'Entry', id: 'cta-home' } }] },
      },
    });
    cms.delete('faq-sale-combine');
    cms.unpublish('testimonials-insights-2');
    cms.resetRequests();

    const second = await buildSite({
      env: cms.env(),
      outDir: join(work, 'second'),
      cacheDir: join(work, 'cache'),
      functionDir: join(work, 'function'),
    });
    expectBuilt(second);
    expect(second.output).toMatch(
      /Contentful: delta sync, 2 changed and 2 removed entries or assets, 3 requests/,
    );
    expect(cms.requests.map((request) => request.endpoint).sort()).toEqual([
      'content_types',
      'locales',
      'sync',
    ]);

    const changes = diff(await snapshot(join(work, 'first')), await snapshot(join(work, 'second')));
    expect(changes).toEqual({
      added: ['de/spring-preview/index.html', 'spring-preview/index.html'],
      removed: [],
      // The edited hero (English only: its German heading is translated), the FAQ that lost an
      // item, the page that lost its testimonials section, and the sitemap with the new page.
      changed: [
        // The content report (the deleted FAQ item, the unpublished testimonials) and the redirects
        // (the new page's /index.html and its address under /de/).
        '_redirects',
        '.floodgate/content-report.json',
        'de/insights-2/index.html',
        'de/winteraktion/index.html',
        'index.html',
        'insights-2/index.html',
        'sitemap.xml',
        'winter-sale/index.html',
      ],
    });
    const html = (path: string) => readFile(join(work, 'second', path), 'utf8');
    expect(await html('index.html')).toContain('Hear every customer, live');
    expect(await html('insights-2/index.html')).not.toContain('testimonials-insights-2');
    expect(second.output).toMatch(
      /faq .* › items \[en-US, de-DE\]: skipped a link to entry faq-sale-combine, which is missing or not published/,
    );
  }, 120_000);

  describe('the draft preview (the one on-demand route)', () => {
    let preview: FunctionServer;
    beforeAll(async () => {
      cms.update(
        'hero-winter-sale',
        (fields) => void (fields.heading['en-US'] = 'Draft: winter sale, 50% off'),
        {
          publish: false,
        },
      );
      preview = await startFunctionServer(join(work, 'function'), cms.env());
    });
    afterAll(() => preview?.close());
    const get = (path: string) => fetch(`${preview.url}${path}`, { redirect: 'manual' });
    const secret = () => encodeURIComponent(cms.previewSecret);

    it('is the only path the SSR function answers', () => {
      expect(preview.paths).toEqual(['/preview', '/preview/*']);
    });

    it('shows the unpublished draft, uncached and unindexed, while the static page does not', async () => {
      const response = await get(`/preview/winter-sale/?secret=${secret()}`);
      const body = await response.text();
      expect(response.status).toBe(200);
      expect(body).toContain('Draft: winter sale, 50% off');
      expect(body).toContain('Draft preview');
      expect(body).toMatch(/<meta name="robots" content="noindex/);
      expect(response.headers.get('cache-control')).toContain('no-store');
      expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow');
      const published = await readFile(join(work, 'second', 'winter-sale/index.html'), 'utf8');
      expect(published).not.toContain('Draft: winter sale');
    });

    it('serves the German draft under /preview/de/', async () => {
      const response = await get(`/preview/de/winter-sale/?secret=${secret()}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<html lang="de"');
    });

    it('answers 401 without the secret and never caches that either', async () => {
      for (const query of ['', '?secret=wrong-secret-wrong-secret-wrong']) {
        const response = await get(`/preview/winter-sale/${query}`);
        expect(response.status).toBe(401);
        expect(response.headers.get('cache-control')).toContain('no-store');
        expect(await response.text()).not.toContain('winter sale');
      }
    });
  });

  describe('a retired page and a content mistake (the marketer’s loop)', () => {
    const rebuild = (name: string) =>
      buildSite({ env: cms.env(), outDir: join(work, name), cacheDir: join(work, 'cache') });
    const page = (build: string, path: string) => readFile(join(work, build, path), 'utf8');

    it('leaves out links to an unpublished page with a warning, and brings them back on publish', async () => {
      cms.unpublish('page-privacy');
      const retired = await rebuild('retired');
      expectBuilt(retired);
      expect(retired.output).toContain(
        'link "Privacy notice" (link-footer-privacy) › page [en-US, de-DE]: left out: the page it links to is unpublished or deleted',
      );
      expect(retired.output).toMatch(
        /hero ".*" \(hero-thank-you\) › secondaryCtaHref \[en-US, de-DE\]: button left out: \/privacy\/ is no published page/,
      );
      expect(await page('retired', 'index.html')).not.toContain('>Privacy notice</a>');
      expect(await page('retired', 'de/index.html')).not.toContain('>Datenschutzhinweis</a>');
      expect(await page('retired', 'index.html')).toContain('>Contact us</a>');

      cms.publish('page-privacy');
      const back = await rebuild('back');
      expectBuilt(back);
      expect(back.output).toMatch(/Contentful: delta sync, 1 changed and 0 removed/);
      expect(back.output).not.toContain('left out');
      expect(await page('back', 'index.html')).toContain('<a href="/privacy/">Privacy notice</a>');
    }, 120_000);

    it('keeps the last good version of a broken entry, naming it, and fetches only the fix next time', async () => {
      const before = await page('back', 'index.html');
      cms.update('hero-home', (fields) => void (fields.heading = { 'en-US': 'x'.repeat(100) }));
      const broken = await rebuild('broken');
      expectBuilt(broken);
      expect(broken.output).toMatch(
        /Error: hero ".*" \(hero-home\) › heading \[en-US, de-DE\]: keep the heading to 90 characters or fewer/,
      );
      expect(broken.output).toContain('The site shows instead: the last good version of this entry');
      // The home page is exactly what it was: the hero's last good version.
      expect(await page('broken', 'index.html')).toBe(before);

      cms.update('hero-home', (fields) => void (fields.heading = { 'en-US': 'Fixed after a failed build' }));
      cms.resetRequests();
      const fixed = await rebuild('fixed');
      expectBuilt(fixed);
      expect(fixed.output).toMatch(
        /Contentful: delta sync, 1 changed and 0 removed entries or assets, 3 requests/,
      );
      expect(await page('fixed', 'index.html')).toContain('Fixed after a failed build');
    }, 180_000);
  });

  it('fails the build with a clear message when the delivery token is wrong', async () => {
    const failed = await buildSite({
      env: { ...cms.env(), CONTENTFUL_DELIVERY_TOKEN: 'revoked-token-0123456789' },
      outDir: join(work, 'failed'),
      cacheDir: join(work, 'cache-failed'),
    });
    expect(failed.status).not.toBe(0);
    expect(failed.output).toContain(
      `Contentful rejected CONTENTFUL_DELIVERY_TOKEN (401 AccessTokenInvalid) for space ${cms.spaceId}, environment master`,
    );
    expect(failed.output).not.toContain('revoked-token-0123456789');
  }, 120_000);
});
