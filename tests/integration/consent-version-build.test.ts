import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentWithoutPrivacyPage } from '../../src/lib/consent/privacy-link-problems.ts';
import { readConsentTexts } from '../../src/lib/consent/read-consent-texts.ts';
import { storeConsentTexts } from '../../src/lib/consent/store-consent-texts.ts';
import type { ContentReport } from '../../src/lib/content/content-report.ts';
import { ConsentTextsSchema, type ConsentText } from '../../src/schemas/consent-text.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { buildSite, type SiteBuildResult } from '../fixtures/fake-cda/site-build.ts';

interface Entry {
  sys: { id: string };
  fields: Record<string, Record<string, unknown>>;
}

let work: string;
let before: SiteBuildResult;
let after: SiteBuildResult;

/**
 * Two builds of the embedded content: as it is, and after a marketer rewords the demo form's
 * English consent text and (by mistake) unpublishes the privacy page from Site settings.
 */
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'floodgate-consent-'));
  const space = JSON.parse(await readFile('content/space.json', 'utf8')) as { entries: Entry[] };
  const entry = (id: string) => space.entries.find((candidate) => candidate.sys.id === id)!;
  const consent = entry('form-home-demo').fields.consentText;
  consent['en-US'] = String(consent['en-US']).replace('I agree', 'I expressly agree');
  delete entry('site-settings').fields.privacyPage;
  await writeFile(join(work, 'changed.json'), JSON.stringify(space));
  before = await buildSite({ env: {}, outDir: join(work, 'before'), cacheDir: join(work, 'cache-before') });
  after = await buildSite({
    env: { CONTENT_FILE: join(work, 'changed.json') },
    outDir: join(work, 'after'),
    cacheDir: join(work, 'cache-after'),
  });
}, 400_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const postedVersion = async (build: string, path: string) =>
  /name="consentVersion" value="([^"]+)"/.exec(await readFile(join(work, build, path), 'utf8'))?.[1];
const textsOf = async (build: string): Promise<ConsentText[]> =>
  ConsentTextsSchema.parse(
    JSON.parse(await readFile(join(work, `cache-${build}`, 'consent-texts.json'), 'utf8')),
  );
const textFor = (texts: ConsentText[], version: string | undefined) =>
  texts.find((text) => text.version === version);

describe('changing the consent wording in content', () => {
  it('changes the version the built page posts, and the build bundles the new words under it', async () => {
    expect(before.status, before.output.slice(-3000)).toBe(0);
    expect(after.status, after.output.slice(-3000)).toBe(0);
    const [old, current] = [
      await postedVersion('before', 'index.html'),
      await postedVersion('after', 'index.html'),
    ];
    expect(old).toMatch(/^form-home-demo:en-US:[0-9a-f]{16}$/);
    expect(current).toMatch(/^form-home-demo:en-US:[0-9a-f]{16}$/);
    expect(current).not.toBe(old);
    expect(textFor(await textsOf('before'), old)?.text).toMatch(
      /^I agree .*\[privacy notice\]\(\/privacy\/\)\.$/,
    );
    expect(textFor(await textsOf('after'), current)?.text).toMatch(/^I expressly agree .*privacy notice\.$/);
    // The German page of the same form posts its own version.
    expect(await postedVersion('before', 'de/index.html')).toMatch(/^form-home-demo:de-DE:/);
  });

  it('leaves the old version resolving to its old words once the new texts are stored', async () => {
    const db: TestDatabase = await realPostgresDatabase();
    try {
      await storeConsentTexts(db, await textsOf('before'));
      await storeConsentTexts(db, await textsOf('after'));
      const old = await postedVersion('before', 'index.html');
      const [stored] = await readConsentTexts(db, { version: old });
      expect(stored?.text).toBe(textFor(await textsOf('before'), old)?.text);
      expect(stored?.text).not.toContain('expressly');
      const [fresh] = await readConsentTexts(db, { version: await postedVersion('after', 'index.html') });
      expect(fresh?.privacyUrl).toBeNull();
    } finally {
      await db.close();
    }
  });

  it('reports a consent text without its privacy page first, as an error, while every page still builds', async () => {
    const report = JSON.parse(
      await readFile(join(work, 'after', '.floodgate/content-report.json'), 'utf8'),
    ) as ContentReport;
    expect(report.problems[0]).toMatchObject({
      severity: 'error',
      kind: consentWithoutPrivacyPage,
      contentType: 'leadForm',
      field: 'consentText',
      locales: ['en-US', 'de-DE'],
    });
    // One per lead form entry in the embedded content (each has a consent text).
    const leadForms = JSON.parse(await readFile('content/space.json', 'utf8')) as {
      entries: { sys: { contentType: { sys: { id: string } } } }[];
    };
    const formCount = leadForms.entries.filter((entry) => entry.sys.contentType.sys.id === 'leadForm').length;
    expect(report.problems.filter((problem) => problem.kind === consentWithoutPrivacyPage)).toHaveLength(
      formCount,
    );
    expect(after.output).toMatch(/Error: leadForm "[^"]+" \(form-home-demo\) › consentText \[en-US, de-DE\]/);
    const home = await readFile(join(work, 'after', 'index.html'), 'utf8');
    expect(home).toContain('name="consent"');
    // The form stays, its consent text without a link (the footer may still link the page).
    const label = /<label class="consent-label"[^>]*>([\s\S]*?)<\/label>/.exec(home)?.[1];
    expect(label).toContain('I expressly agree');
    expect(label).not.toContain('<a ');
    await expect(readFile(join(work, 'after', 'winter-sale', 'index.html'), 'utf8')).resolves.toContain(
      'name="consentVersion"',
    );
  });
});
