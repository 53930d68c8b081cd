import { expect, test, type Page } from '@playwright/test';
import { startFakeContentful, type FakeContentful } from '../fixtures/fake-cda/index.ts';
import { startLivePreviewHost, type LivePreviewHost } from './live-preview-host.ts';

let cms: FakeContentful;
let host: LivePreviewHost;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  cms = await startFakeContentful();
  host = await startLivePreviewHost(cms.env());
});

test.afterAll(async () => {
  await host?.close();
  await cms?.close();
});

/** The messages the SDK in the preview posted to the editor frame. */
const received = (page: Page) =>
  page.evaluate(() => (window as unknown as { received: Array<Record<string, unknown>> }).received);

async function openInEditor(page: Page) {
  await page.goto(host.editorUrl(`/preview/?secret=${encodeURIComponent(cms.previewSecret)}`));
  const preview = page.frameLocator('iframe');
  await expect(preview.locator('h1')).toBeVisible();
  await expect
    .poll(async () => (await received(page)).map((message) => message.method))
    .toContain('CONNECTED');
  return preview;
}

test('the draft preview tags headings, features and form labels for the inspector', async ({ page }) => {
  const preview = await openInEditor(page);
  const tagged = (entry: string, field: string) =>
    preview.locator(`[data-contentful-entry-id="${entry}"][data-contentful-field-id="${field}"]`);
  await expect(tagged('hero-home', 'heading')).toHaveText(/Hear every customer/);
  await expect(tagged('hero-home', 'heading')).toHaveAttribute('data-contentful-locale', 'en-US');
  await expect(preview.locator('.feature-title[data-contentful-field-id="title"]').first()).toBeVisible();
  await expect(preview.locator('label.field-label[data-contentful-field-id="fields"]').first()).toBeVisible();
  await expect(preview.locator('label.consent-label[data-contentful-field-id="consentText"]')).toHaveCount(1);
  const connected = (await received(page)).find((message) => message.method === 'CONNECTED');
  expect(connected).toMatchObject({ source: 'live-preview-sdk', locale: 'en-US', isInspectorEnabled: true });
  expect(Number(connected?.taggedElementCount)).toBeGreaterThan(10);
});

test('an edit from the editor changes the rendered text without a reload', async ({ page }) => {
  const preview = await openInEditor(page);
  await expect
    .poll(async () => (await received(page)).filter((message) => message.method === 'SUBSCRIBED').length)
    .toBeGreaterThan(0);
  const subscriptions = (await received(page)).filter((message) => message.method === 'SUBSCRIBED');
  const heading = preview.locator('h1');
  const marker = await heading.evaluate(
    (element) => ((element as HTMLElement & { marker?: number }).marker = 1),
  );
  // As Contentful's app does (LivePreviewPostMessageMethods.ENTRY_UPDATED): the entry as edited,
  // to every subscription; the one for hero-home applies it.
  await page.evaluate(
    (ids) => {
      const frame = document.querySelector('iframe')!.contentWindow!;
      for (const subscriptionId of ids)
        frame.postMessage(
          {
            source: 'live-preview-editor',
            method: 'ENTRY_UPDATED',
            subscriptionId,
            contentType: { sys: { id: 'hero' } },
            data: {
              sys: { id: 'hero-home', type: 'Entry' },
              fields: { heading: 'Typed in Contentful, seen at once' },
            },
          },
          '*',
        );
    },
    subscriptions.map((message) => String(message.id)),
  );
  await expect(heading).toHaveText('Typed in Contentful, seen at once');
  // The same element: updated in place, not a reloaded page.
  expect(await heading.evaluate((element) => (element as HTMLElement & { marker?: number }).marker)).toBe(
    marker,
  );
  await expect(preview.locator('.hero-lead')).toHaveText(/Harbor pulls feedback/);
});

test('the preview may be framed by Contentful only; the static site by nobody, and it ships no SDK', async ({
  page,
  request,
}) => {
  const previewResponse = await request.get(
    `http://127.0.0.1:${host.port}/preview/?secret=${encodeURIComponent(cms.previewSecret)}`,
  );
  const policy = previewResponse.headers()['content-security-policy'];
  expect(policy).toContain(
    `frame-ancestors https://app.contentful.com https://app.eu.contentful.com http://localhost:${host.port};`,
  );
  expect(previewResponse.headers()['cache-control']).toContain('no-store');
  expect(previewResponse.headers()['x-robots-tag']).toBe('noindex, nofollow');

  const scripts: string[] = [];
  page.on('request', (sent) => void (sent.resourceType() === 'script' && scripts.push(sent.url())));
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await expect(page.locator('[data-contentful-entry-id], [data-live-preview]')).toHaveCount(0);
  expect(scripts.filter((url) => !url.includes('LeadForm'))).toEqual([]);
});
