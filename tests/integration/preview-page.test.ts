import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewPage, type PreviewRequest } from '../../src/lib/contentful/preview-page.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { ContentfulEnvSchema, type ContentSource } from '../../src/schemas/contentful-env.ts';
import { startFakeContentful, type FakeContentful } from '../fixtures/fake-cda/index.ts';

let cms: FakeContentful;
let source: ContentSource;
beforeAll(async () => {
  cms = await startFakeContentful();
  source = parseEnv(ContentfulEnvSchema, cms.env(), 'the preview test');
});
afterAll(() => cms.close());

const ask = (
  path: string | undefined,
  query = `?secret=${cms.previewSecret}`,
  extra: Partial<PreviewRequest> = {},
) => previewPage({ source, url: new URL(`http://site.test/preview/${path ?? ''}${query}`), path, ...extra });

describe('the draft preview', () => {
  it('shows a draft that is not published yet, from the Preview API', async () => {
    cms.update('hero-winter-sale', (fields) => void (fields.heading['en-US'] = 'Draft heading'), {
      publish: false,
    });
    const outcome = await ask('winter-sale');
    if (outcome.kind !== 'page') throw new Error(`expected a page, got ${JSON.stringify(outcome)}`);
    expect(outcome.localized.path).toBe('/winter-sale/');
    expect(outcome.localized.page.sections[0]).toMatchObject({ type: 'hero', heading: 'Draft heading' });
    expect(cms.requests.every((request) => request.api === 'preview')).toBe(true);
  });

  it('shows a page that has never been published, in German under /de/', async () => {
    cms.create(
      'page-draft-only',
      {
        contentType: 'landingPage',
        fields: {
          title: { 'en-US': 'Spring', 'de-DE': 'Frühling' },
          slug: { 'en-US': 'spring' },
          sections: { 'en-US': [{ sys: { type: 'Link', linkType: 'Entry', id: 'cta-home' } }] },
        },
      },
      { publish: false },
    );
    const outcome = await ask('de/spring');
    expect(outcome).toMatchObject({
      kind: 'page',
      localized: { locale: 'de-DE', page: { title: 'Frühling' } },
    });
  });

  it('is not blocked by a half-written draft of another page', async () => {
    cms.update('page-privacy', (fields) => void delete fields.sections, { publish: false });
    expect((await ask('winter-sale')).kind).toBe('page');
  });

  it('lists what to fix, in marketer terms, when the draft itself cannot be published', async () => {
    cms.update('hero-webinar', (fields) => void (fields.heading = { 'en-US': 'x'.repeat(100) }), {
      publish: false,
    });
    const outcome = await ask('webinar-feedback-to-roadmap');
    expect(outcome).toMatchObject({ kind: 'answer', status: 422 });
    expect(outcome.kind === 'answer' && outcome.text).toMatch(
      /hero ".*" \(hero-webinar\) › heading .*: keep the heading to 90 characters or fewer/,
    );
  });

  it('answers 404 for a slug no entry has', async () => {
    expect(await ask('no-such-page')).toMatchObject({ kind: 'answer', status: 404 });
    expect(await ask('two/levels/deep')).toMatchObject({ kind: 'answer', status: 404 });
  });

  it('refuses a missing or wrong secret before asking Contentful anything', async () => {
    cms.resetRequests();
    expect(await ask('winter-sale', '')).toMatchObject({ kind: 'answer', status: 401 });
    expect(await ask('winter-sale', '?secret=almost-the-secret-but-not-quite')).toMatchObject({
      status: 401,
    });
    expect(cms.requests).toEqual([]);
  });

  it('says it is not configured when the site builds from the embedded content', async () => {
    const outcome = await ask('winter-sale', '', { source: { kind: 'embedded' } });
    expect(outcome).toMatchObject({ kind: 'answer', status: 404 });
    expect(outcome.kind === 'answer' && outcome.text).toMatch(/^Draft preview is not configured/);
  });

  it('answers 503 without details when the variables are wrong, and logs why', async () => {
    const logged: string[] = [];
    const outcome = await ask('winter-sale', '', {
      source: new Error(
        'Invalid environment for the draft preview:\n  - CONTENTFUL_PREVIEW_TOKEN: is not set',
      ),
      log: (line) => logged.push(line),
    });
    expect(outcome).toMatchObject({ kind: 'answer', status: 503 });
    expect(outcome.kind === 'answer' && outcome.text).not.toContain('CONTENTFUL_PREVIEW_TOKEN');
    expect(logged[0]).toContain('CONTENTFUL_PREVIEW_TOKEN: is not set');
  });
});
