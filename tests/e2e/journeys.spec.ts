import { expect, test, type Page } from '@playwright/test';
import { storedLeadsFor, uniqueEmail } from './lead-store.ts';

/** Each locale's webinar page, its confirmation page and the words a visitor reads there. */
const locales = [
  {
    name: 'English',
    webinar: '/webinar-feedback-to-roadmap/',
    confirmation: '/webinar-registered/',
    labels: { email: 'Work email', first: 'First name', last: 'Last name', role: 'Your role' },
    heading: 'You’re registered for the webinar',
    when: 'Thursday, December 10, 2026',
    time: /5:00\s*–\s*5:45\s*PM GMT\+1/,
    calendar: { name: 'Add to your calendar (.ics)', href: '/calendar/event-webinar-2026-12.en.ics' },
    summary: 'SUMMARY:Harbor webinar: From feedback to roadmap',
    home: '/',
    legal: { name: 'Legal notice', path: '/legal-notice/', heading: 'Legal notice' },
    notFound: { heading: 'Page not found', home: 'Go to the home page' },
  },
  {
    name: 'German',
    webinar: '/de/webinar-vom-feedback-zur-roadmap/',
    confirmation: '/de/webinar-angemeldet/',
    labels: { email: 'Geschäftliche E-Mail', first: 'Vorname', last: 'Nachname', role: 'Ihre Rolle' },
    heading: 'Sie sind für das Webinar angemeldet',
    when: 'Donnerstag, 10. Dezember 2026',
    time: /17:00\s*–\s*17:45 Uhr MEZ/,
    calendar: { name: 'In den Kalender (.ics)', href: '/calendar/event-webinar-2026-12.de.ics' },
    summary: 'SUMMARY:Harbor-Webinar: Vom Feedback zur Roadmap',
    home: '/de/',
    legal: { name: 'Impressum', path: '/de/impressum/', heading: 'Impressum' },
    notFound: { heading: 'Seite nicht gefunden', home: 'Zur Startseite' },
  },
] as const;

type Locale = (typeof locales)[number];

// Each journey loads several pages from the local server, which answers its first requests slowly
// on a busy machine; the assertions never depend on time, only the overall limit does.
test.describe.configure({ timeout: 180_000 });

async function registerForWebinar(page: Page, locale: Locale, email: string) {
  await page.goto(locale.webinar);
  const form = page.locator('#webinar-2026-12-form');
  await form.getByLabel(locale.labels.email).fill(email);
  await form.getByLabel(locale.labels.first).fill('Ada');
  await form.getByLabel(locale.labels.last).fill('Lovelace');
  await form.getByLabel(locale.labels.role).selectOption('product');
  await form.getByRole('checkbox').check();
  await form.getByRole('button').click();
}

/** The confirmation page: the session's date and time in the page's language, and its calendar file. */
async function expectConfirmation(page: Page, locale: Locale) {
  await expect(page).toHaveURL(new RegExp(`${locale.confirmation}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(locale.heading);
  const time = page.locator('time[datetime="2026-12-10T16:00:00.000Z"]');
  await expect(time).toContainText(locale.when);
  await expect(time).toHaveText(locale.time);
  const calendar = page.getByRole('link', { name: locale.calendar.name });
  await expect(calendar).toHaveAttribute('href', locale.calendar.href);
  const ics = await page.request.get(locale.calendar.href);
  expect(ics.headers()['content-type']).toMatch(/^text\/calendar/);
  const text = await ics.text();
  expect(text).toContain('DTSTART:20261210T160000Z\r\nDTEND:20261210T164500Z\r\n');
  expect(text).toContain(locale.summary);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`${javaScriptEnabled ? 'with' : 'without'} JavaScript`, () => {
    // The session is in Berlin's zone: a visitor there reads the same time with or without JavaScript.
    test.use({ javaScriptEnabled, timezoneId: 'Europe/Berlin' });

    for (const locale of locales) {
      test(`${locale.name}: a webinar registration ends on its confirmation page with the session and a calendar file`, async ({
        page,
      }) => {
        const email = uniqueEmail(`webinar-${javaScriptEnabled ? 'js' : 'nojs'}`);
        await registerForWebinar(page, locale, email);
        await expectConfirmation(page, locale);
        await expect.poll(async () => (await storedLeadsFor(email)).length).toBe(1);
      });

      test(`${locale.name}: every page links the legal notice in its footer`, async ({ page }) => {
        await page.goto(locale.webinar);
        await page.getByRole('contentinfo').getByRole('link', { name: locale.legal.name }).click();
        await expect(page).toHaveURL(new RegExp(`${locale.legal.path}$`));
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(locale.legal.heading);
      });

      test(`${locale.name}: a missing page answers in the locale's language and links back into it`, async ({
        page,
      }) => {
        await page.goto(`${locale.home}no-such-page/`);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(locale.notFound.heading);
        await expect(page.locator('html')).toHaveAttribute('lang', locale.home === '/' ? 'en' : 'de');
        await page.getByRole('link', { name: locale.notFound.home }).click();
        await expect(page).toHaveURL(new RegExp(`${locale.home}$`));
      });
    }

    test('a slug typed under the wrong locale prefix, an old address and /index.html redirect', async ({
      page,
    }) => {
      await page.goto('/de/winter-sale/');
      await expect(page).toHaveURL(/\/de\/winteraktion\/$/);
      await page.goto('/winteraktion/');
      await expect(page).toHaveURL(/\/winter-sale\/$/);
      await page.goto('/home/');
      await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
      await page.goto('/de/index.html');
      await expect(page).toHaveURL(/\/de\/$/);
    });
  });
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`a visitor in New York, ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, () => {
    test.use({ javaScriptEnabled, timezoneId: 'America/New_York' });
    // With JavaScript the session is shown in the visitor's zone (the event's wording in the
    // tooltip); without, in the event's own zone, as built; the same instant either way.
    const expected = {
      English: javaScriptEnabled
        ? /^Thursday, December 10, 2026, 11:00\s*–\s*11:45\s*AM EST$/
        : locales[0].time,
      German: javaScriptEnabled
        ? /^Donnerstag, 10\. Dezember 2026, 11:00\s*–\s*11:45 Uhr GMT-5$/
        : locales[1].time,
    };
    for (const locale of locales) {
      test(`${locale.name}: the confirmation page shows the session's time in ${javaScriptEnabled ? 'the visitor’s' : 'the event’s'} zone`, async ({
        page,
      }) => {
        await page.goto(locale.confirmation);
        const time = page.locator('time[datetime="2026-12-10T16:00:00.000Z"]');
        await expect(time).toHaveText(expected[locale.name]);
        if (javaScriptEnabled) await expect(time).toHaveAttribute('title', locale.time);
        else await expect(time).not.toHaveAttribute('title');
      });
    }
  });
}

test('redirects are permanent (301), so search engines move the old address to the new one', async ({
  request,
}) => {
  for (const [from, to] of [
    ['/de/winter-sale/', '/de/winteraktion/'],
    ['/home/', '/'],
    ['/index.html', '/'],
  ]) {
    const response = await request.get(from, { maxRedirects: 0 });
    expect({
      from,
      status: response.status(),
      location: new URL(response.headers().location ?? '', 'http://x').pathname,
    }).toEqual({
      from,
      status: 301,
      location: to,
    });
  }
});
