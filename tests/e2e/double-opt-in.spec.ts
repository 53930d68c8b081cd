import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
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
 * worker) on the ports after E2E_PORT, with a database directory of its own.
 */
const base = Number(process.env.E2E_PORT ?? 8788);
const site = `http://127.0.0.1:${base + 1}`;
const crm = `http://127.0.0.1:${base + 2}`;
const databaseDirectory = `.netlify/db-e2e-doi-${base + 1}`;
const day = 86_400_000;

test.describe.configure({ mode: 'serial' });

let server: ChildProcess;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = spawn(
    process.execPath,
    ['scripts/serve.ts', '--port', String(base + 1), '--quiet', '--database-directory', databaseDirectory],
    {
      env: {
        ...process.env,
        DEV_CRM_PORT: String(base + 2),
        DEV_SMTP_PORT: String(base + 3),
        LEADS_RATE_LIMIT_PER_MINUTE: '10000',
        SMTP_URL: '',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  await expect
    .poll(async () => (await fetch(`${crm}/_mail`).catch(() => undefined))?.status, { timeout: 100_000 })
    .toBe(200);
  await expect
    .poll(async () => (await fetch(`${site}/`).catch(() => undefined))?.status, { timeout: 30_000 })
    .toBe(200);
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

async function signUpInGerman(page: import('@playwright/test').Page, email: string) {
  await page.goto(`${site}/de/newsletter/`);
  const form = page.locator('#newsletter-form');
  await form.getByLabel('Geschäftliche E-Mail').fill(email);
  await form.getByRole('checkbox').check();
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
  await page.goto(`${site}/de/`);
  const form = page.locator('#demo-request-form');
  await form.getByLabel('Geschäftliche E-Mail').fill(email);
  await form.getByLabel('Vorname').fill('Ada');
  await form.getByRole('textbox', { name: 'Unternehmen Pflichtfeld' }).fill('Analytical Engines GmbH');
  await form.getByRole('checkbox').check();
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
