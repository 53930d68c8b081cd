import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeContentful, type FakeContentful } from '../fixtures/fake-cda/index.ts';
import { buildSite } from '../fixtures/fake-cda/site-build.ts';

/**
 * A form field defined only in Contentful, through a real `astro build` against the fake Delivery
 * API: the build renders it, bundles its rules for the lead function, and refuses a bad definition
 * naming the form and the field.
 */
let work: string;
let cms: FakeContentful;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'floodgate-form-fields-'));
  cms = await startFakeContentful();
});
afterAll(async () => {
  await cms?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const build = (name: string) =>
  buildSite({ env: cms.env(), outDir: join(work, name), cacheDir: join(work, 'cache') });

describe('forms defined in Contentful', () => {
  it('renders the field with its browser constraints and bundles the same rules for the function', async () => {
    const built = await build('good');
    if (built.status !== 0) throw new Error(built.output.slice(-3000));
    const rules = JSON.parse(await readFile(join(work, 'cache', 'form-rules.json'), 'utf8')) as Record<
      string,
      { customFields: unknown[] }
    >;
    expect(rules['webinar-2026-12'].customFields).toEqual([
      {
        id: 'role',
        type: 'select',
        required: true,
        options: ['marketing', 'sales', 'product', 'leadership'],
        labels: { 'en-US': 'Your role', 'de-DE': 'Ihre Rolle' },
      },
    ]);
    const german = await readFile(
      join(work, 'good', 'de', 'webinar-vom-feedback-zur-roadmap', 'index.html'),
      'utf8',
    );
    const select = /<select[^>]*name="role"[^>]*>(.*?)<\/select>/s.exec(german);
    expect(select?.[0]).toMatch(/required/);
    expect(
      [...(select?.[1] ?? '').matchAll(/<option value="([^"]*)">([^<]*)</g)].map((m) => [m[1], m[2]]),
    ).toEqual([
      ['', 'Bitte wählen'],
      ['marketing', 'Marketing'],
      ['sales', 'Vertrieb'],
      ['product', 'Produkt oder Entwicklung'],
      ['leadership', 'Geschäftsführung'],
    ]);
    expect(german).toContain('<span class="field-label-text">Ihre Rolle</span>');
  }, 240_000);

  it('keeps the last good form field when a select loses its options, and names it in the content report', async () => {
    cms.update('form-field-webinar-role', (fields) => {
      delete fields.options;
      delete fields.optionLabels;
    });
    // A broken entry no longer stops the build: the field's last good version (from the build
    // above, same cache) stays on the page, and the report says what to fix, naming the entry.
    const built = await build('bad');
    expect(built.status).toBe(0);
    expect(built.output).toContain('form-field-webinar-role');
    expect(built.output).toContain('a select needs options: add at least one');
    expect(built.output).toContain('the last good version of this entry');
    const german = await readFile(
      join(work, 'bad', 'de', 'webinar-vom-feedback-zur-roadmap', 'index.html'),
      'utf8',
    );
    expect(german).toMatch(/<select[^>]*name="role"/);
  }, 240_000);
});
