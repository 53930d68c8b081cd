import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { connectToUrl } from '../../scripts/lib/local-database.ts';
import { runLeadMails } from '../../src/lib/doi/lead-mails.ts';
import type { CaughtMail } from '../../scripts/dev-crm/mail-catcher.ts';
import type { ReceivedLead } from '../../scripts/dev-crm/dev-crm.ts';
import { uniqueEmail } from './lead-store.ts';
import { signConfirmToken } from '../../src/lib/doi/confirm-token.ts';
import { DEV_CONFIRM_SECRET } from '../../src/schemas/mail-env.ts';

/**
 * Double opt-in end to end, as `npm start` runs it: the site, the local worker, the dev CRM and
 * its real SMTP catcher, in a server of this spec's own (the suite's shared server runs without a
 * worker), with a database directory of its own. Every port is the system's choice and the
 * addresses are read from what the server prints: a fixed port another spec (or a server left
 * running) holds would send the dev CRM elsewhere, and this spec would read someone else's mail.
 */
const databaseDirectory = '.netlify/db-e2e-doi';
const day = 86_400_000;

test.describe.configure({ mode: 'serial' });

let server: ChildProcess;
let site = '';
let crm = '';
// What the server printed (its worker's lines included): attached to a failed test.
let printed = '';
test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = spawn(
    process.execPath,
    ['scripts/serve.ts', '--port', '0', '--database-directory', databaseDirectory],
    {
      env: {
        ...process.env,
        DEV_CRM_PORT: '0',
        DEV_SMTP_PORT: '0',
        LEADS_RATE_LIMIT_PER_MINUTE: '10000',
        SMTP_URL: '',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  server.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const addressAfter = (label: string) =>
    new RegExp(`${label} (http://127\\.0\\.0\\.1:\\d+)/`).exec(printed)?.[1];
  await expect.poll(() => addressAfter('Floodgate is running at'), { timeout: 100_000 }).toBeTruthy();
  site = addressAfter('Floodgate is running at') ?? '';
  crm = addressAfter('Dev CRM at') ?? '';
  await expect
    .poll(async () => (await fetch(`${crm}/_mail`).catch(() => undefined))?.status, { timeout: 30_000 })
    .toBe(200);
});
// The page fixture is the one every test here uses anyway (Playwright wants a destructured first argument).
test.afterEach(async ({ page: _page }, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus) return;
  await testInfo.attach('server output', { body: printed, contentType: 'text/plain' });
  // CI keeps only the console: the last of the server's lines, its worker's included.
  console.error(`--- the double opt-in server printed (last lines):\n${printed.slice(-6_000)}`);
});
test.afterAll(async () => {
  if (server.exitCode !== null) return;
  const exited = new Promise((done) => server.once('exit', done));
  server.kill('SIGINT');
  await exited;
});

const mailsTo = async (email: string) =>
  ((await (await fetch(`${crm}/_mail`)).json()) as CaughtMail[]).filter((mail) => mail.to.includes(email));
const receivedFor = async (email: string) =>
  ((await (await fetch(`${crm}/_received`)).json()) as ReceivedLead[]).filter(
    (lead) => (lead.lead.fields as Record<string, unknown>).email === email,
  );
async function withDatabase<T>(work: (db: ReturnType<typeof connectToUrl>) => Promise<T>): Promise<T> {
  const { url } = JSON.parse(await readFile(`${databaseDirectory}.json`, 'utf8')) as { url: string };
  const db = connectToUrl(url, { describe: 'the double opt-in server database' });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
const stateOf = (email: string) =>
  withDatabase(async (db) =>
    (
      await db.query<{ state: string }>(
        `SELECT state FROM leads WHERE payload -> 'fields' ->> 'email' = $1`,
        [email],
      )
    ).rows.map((row) => row.state),
  );

/**
 * Opens `path` with the page's clock in the test's hands; `typed()` then moves it 3 s on, so the
 * fill time the page script sends is a person's (over LEADS_MIN_FILL_MS, 2.5 s) however fast the
 * test fills. Left to the real clock, a quiet machine fills one field and submits in under 300 ms,
 * and the spam score rightly files that as spam: no mail, and a test that passes only when busy.
 */
async function openWithOwnClock(page: Page, path: string) {
  const loadedAt = new Date('2026-12-01T09:00:00Z');
  await page.clock.install({ time: loadedAt });
  await page.clock.pauseAt(new Date(loadedAt.getTime() + 1_000));
  await page.goto(`${site}${path}`);
  return { typed: () => page.clock.runFor(3_000) };
}

async function signUpInGerman(page: Page, email: string) {
  const { typed } = await openWithOwnClock(page, '/de/newsletter/');
  const form = page.locator('#newsletter-form');
  await form.getByLabel('Geschäftliche E-Mail').fill(email);
  await form.getByRole('checkbox').check();
  await typed();
  await form.getByRole('button', { name: 'Abonnieren' }).click();
  await expect(page).toHaveURL(/\/de\/newsletter-postfach-pruefen\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bitte bestätigen Sie in Ihrem Postfach');
}

test('a German newsletter sign-up is confirmed by the link in a German mail and reaches the CRM once; an unclicked one never does and is purged', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const email = uniqueEmail('doi-de');
  const unclicked = uniqueEmail('doi-unclicked');
  await signUpInGerman(page, email);
  await signUpInGerman(page, unclicked);

  await expect.poll(() => mailsTo(email), { timeout: 20_000 }).toHaveLength(1);
  const [mail] = await mailsTo(email);
  expect(mail?.subject).toBe('Bitte bestätigen Sie Ihr Harbor-Newsletter-Abonnement');
  expect(mail?.text).toContain('Bitte bestätigen Sie das mit diesem Link');
  const link = mail?.links[0] ?? '';
  expect(link.startsWith(`${site}/de/anmeldung-bestaetigen/?token=`)).toBe(true);
  expect(link).not.toContain(email.split('@')[0] ?? email);
  await expect.poll(() => mailsTo(unclicked), { timeout: 20_000 }).toHaveLength(1);

  // A mail scanner fetching the link confirms nothing: only the button's POST does.
  expect((await request.get(link)).status()).toBe(200);
  expect(await stateOf(email)).toEqual(['unconfirmed']);

  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Anmeldung bestätigen' })).toBeVisible();
  await page.getByRole('button', { name: 'Ja, Anmeldung bestätigen' }).click();
  await expect(
    page.getByRole('heading', { name: 'Vielen Dank, Ihre Anmeldung ist bestätigt' }),
  ).toBeVisible();
  // A second click on the mail's link gets the same friendly answer.
  await page.goto(link);
  await page.getByRole('button', { name: 'Ja, Anmeldung bestätigen' }).click();
  await expect(
    page.getByRole('heading', { name: 'Vielen Dank, Ihre Anmeldung ist bestätigt' }),
  ).toBeVisible();

  await expect.poll(() => receivedFor(email), { timeout: 30_000 }).toHaveLength(1);
  const [delivered] = await receivedFor(email);
  expect(delivered?.consent).toMatchObject({
    locale: 'de-DE',
    page: 'newsletter',
    method: 'double-opt-in',
    confirmedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    releasedFromSpam: false,
  });
  const arrivals = (await (await fetch(`${crm}/_received`)).json()) as ReceivedLead[];
  expect(arrivals.filter((lead) => lead.id === delivered?.id)).toHaveLength(1);

  // The unclicked sign-up waits, undelivered; the retention purge removes it once its 7 days are
  // up, on a virtual clock (the worker's purge step with an injected `now`).
  expect(await stateOf(unclicked)).toEqual(['unconfirmed']);
  const purge = (now: number) =>
    withDatabase((db) =>
      runLeadMails(
        {
          db,
          now: () => now,
          random: Math.random,
          log: () => {},
          retry: { maxAttempts: 1, baseMs: 1, maxMs: 1 },
        },
        {
          mailsBefore: { sent: 0, retried: 0, dead: 0, purgedUnconfirmed: 0 },
          purgeUnconfirmedBefore: now - 7 * day,
        },
      ),
    );
  await purge(Date.now() + 6 * day);
  expect(await stateOf(unclicked)).toEqual(['unconfirmed']);
  await purge(Date.now() + 7 * day + 60_000);
  expect(await stateOf(unclicked)).toEqual([]);
  expect(await receivedFor(unclicked)).toEqual([]);
  // The delivered lead is kept (without its payload) for the delivery retention window.
  const deliveredState = await withDatabase(
    async (db) =>
      (await db.query<{ state: string }>('SELECT state FROM leads WHERE id = $1', [delivered?.id])).rows,
  );
  expect(deliveredState).toEqual([{ state: 'done' }]);
});

test('a German demo request gets a German receipt from the worker, reaches the CRM once, and leaves no address', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const email = uniqueEmail('receipt-de');
  const { typed } = await openWithOwnClock(page, '/de/');
  const form = page.locator('#demo-request-form');
  await form.getByLabel('Geschäftliche E-Mail').fill(email);
  await form.getByLabel('Vorname').fill('Ada');
  await form.getByRole('textbox', { name: 'Unternehmen Pflichtfeld' }).fill('Analytical Engines GmbH');
  await form.getByRole('checkbox').check();
  await typed();
  await form.getByRole('button', { name: 'Demo anfragen' }).click();

  await expect.poll(() => mailsTo(email), { timeout: 20_000 }).toHaveLength(1);
  const [mail] = await mailsTo(email);
  expect(mail?.subject).toBe('Ihre Demo-Anfrage ist bei uns eingegangen');
  expect(mail?.text).toContain('Ihre Demo-Anfrage ist bei uns eingegangen');
  expect(mail?.links).toEqual([]);
  await expect.poll(() => receivedFor(email), { timeout: 30_000 }).toHaveLength(1);
  const [delivered] = await receivedFor(email);
  // Delivered and its receipt settled: the row keeps no payload, whichever came first.
  await expect
    .poll(
      () =>
        withDatabase(
          async (db) =>
            (await db.query<{ payload: unknown }>('SELECT payload FROM leads WHERE id = $1', [delivered?.id]))
              .rows,
        ),
      { timeout: 20_000 },
    )
    .toEqual([{ payload: null }]);
});

test('an expired or forged link gets a clear page, in English too', async ({ page }) => {
  // Signed with the development secret the local server uses, but past its time.
  const expired = signConfirmToken(DEV_CONFIRM_SECRET, '0mxdn1xoh-93b02203af586fca5105', Date.now() - 60_000);
  await page.goto(`${site}/confirm-signup/?token=${expired}`);
  await page.getByRole('button', { name: 'Yes, confirm my sign-up' }).click();
  await expect(page.getByRole('heading', { name: 'This link has expired' })).toBeVisible();
  await page.goto(`${site}/confirm-signup/?token=bm90LWEtbGVhZC4xMDA.AAAAAAAAAAAAAAAAAAAAAA`);
  await page.getByRole('button', { name: 'Yes, confirm my sign-up' }).click();
  await expect(page.getByRole('heading', { name: 'This link is not valid' })).toBeVisible();
  await page.goto(`${site}/confirm-signup/`);
  await expect(page.getByRole('heading', { name: 'This link is not valid' })).toBeVisible();
});
