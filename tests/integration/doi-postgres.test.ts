import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { startMailCatcher, type MailCatcher } from '../../scripts/dev-crm/mail-catcher.ts';
import type { SqlClient } from '../../src/lib/db/sql-client.ts';
import { confirmLead } from '../../src/lib/doi/confirm-lead.ts';
import { runLeadMails } from '../../src/lib/doi/lead-mails.ts';
import { sendDueMails, type MailWorkerDeps } from '../../src/lib/doi/mail-worker.ts';
import { createSmtpTransport } from '../../src/lib/doi/smtp-transport.ts';
import { signConfirmToken } from '../../src/lib/doi/confirm-token.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import type { QueuedLead } from '../../src/lib/queue/lead-queue.ts';
import type { FormConfigMap } from '../../src/schemas/lead.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';

/**
 * Double opt-in on a real PostgreSQL, with a real SMTP server on loopback: the intake stores an
 * unconfirmed lead and its mail job in one statement, the worker mails the link, the link's token
 * queues the lead in its lane once (repeats are harmless), an expired or unknown link changes
 * nothing, and the retention purge removes unclicked leads on an injected clock.
 */
let db: TestDatabase;
let catcher: MailCatcher;
beforeAll(async () => {
  [db, catcher] = await Promise.all([realPostgresDatabase(), startMailCatcher()]);
});
afterAll(async () => {
  await Promise.all([db.close(), catcher.close()]);
});

const day = 86_400_000;
const t0 = Date.parse('2026-12-07T10:00:00Z');
const secret = 'integration-confirm-secret-0123456789abcdef';
const forms: FormConfigMap = {
  newsletter: {
    fields: ['email'],
    requiredFields: ['email'],
    customFields: [],
    pageSlugs: ['newsletter'],
    lane: 'bulk',
    needsConfirmation: true,
    mails: {
      'de-DE': {
        confirmation: { subject: 'Bitte bestätigen', body: 'Hallo, bitte bestätigen:\n{link}\nDanke' },
      },
    },
  },
};
const doiLead = (key: string, receivedAt: number): Omit<QueuedLead, 'id'> => ({
  idempotencyKey: key,
  fingerprint: `fields-of-${key}`,
  receivedAt,
  payload: {
    fields: { email: `${key}@example.com` },
    formId: 'newsletter',
    pageSlug: 'newsletter',
    locale: 'de-DE',
    consent: {
      given: true,
      version: 'form-newsletter:de-DE:0123456789abcdef',
      at: new Date(receivedAt).toISOString(),
    },
  },
  flow: { lane: 'bulk', group: 'form:newsletter', formId: 'newsletter' },
  needsConfirmation: true,
});
const retry = { maxAttempts: 3, baseMs: 1_000, maxMs: 60_000 };
const mailDeps = (
  now: number,
  transport = createSmtpTransport({ url: catcher.smtpUrl, from: 'news@example.com' }),
): MailWorkerDeps => ({
  db,
  env: { confirmSecret: secret, unconfirmedRetentionMs: 7 * day, siteUrl: 'https://www.example.com' },
  transport,
  forms: async () => forms,
  retry,
  now: () => now,
  random: () => 0.5,
  log: () => {},
});
/** Counts round trips, as the intake's one-statement promise is about. */
const counting = (client: SqlClient) => {
  const seen: string[] = [];
  const counted: SqlClient = {
    query<Row>(text: string, params?: readonly unknown[]) {
      seen.push(text);
      return client.query<Row>(text, params);
    },
  };
  return { seen, client: counted };
};
const row = async (id: string) =>
  (
    await db.query<{
      state: string;
      due_at: Date | null;
      confirmed_at: Date | null;
      lane: string;
      xmin: string;
    }>('SELECT state, due_at, confirmed_at, lane, xmin::text FROM leads WHERE id = $1', [id])
  ).rows[0];
const mailRows = async (id: string) =>
  (
    await db.query<{ state: string; attempts: unknown[]; dead_reason: string | null }>(
      'SELECT state, attempts, dead_reason FROM lead_mails WHERE lead_id = $1',
      [id],
    )
  ).rows;
const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

beforeEach(async () => {
  await db.query('TRUNCATE leads CASCADE');
});

describe('double opt-in on a real PostgreSQL', () => {
  it('stores the lead unconfirmed with its mail job in ONE statement; it is never claimed', async () => {
    const { seen, client } = counting(db);
    const queue = createPostgresLeadQueue({
      db: client,
      now: () => t0,
      random: Math.random,
      reserveDrainerForMs: 60_000,
    });
    const stored = await queue.enqueue(doiLead('ada', t0));
    expect(stored).toMatchObject({ outcome: 'created', drainerReserved: true });
    expect(seen).toHaveLength(1);
    expect(await row(stored.id)).toMatchObject({
      state: 'unconfirmed',
      due_at: null,
      confirmed_at: null,
      lane: 'bulk',
    });
    expect(await mailRows(stored.id)).toMatchObject([{ state: 'pending' }]);
    expect(await queue.claim(10, 60_000)).toEqual([]);
    expect(await queue.status(t0)).toMatchObject({ depth: 0, unconfirmed: 1 });
    // A repeat of the same submission makes neither a second lead nor a second mail.
    expect(await queue.enqueue(doiLead('ada', t0 + 5))).toEqual({ id: stored.id, outcome: 'duplicate' });
    expect(await mailRows(stored.id)).toHaveLength(1);
    // The mail table holds no address.
    const columns = await db.query<{ row: string }>('SELECT row_to_json(m)::text AS row FROM lead_mails m');
    expect(columns.rows.map((r) => r.row).join()).not.toContain('@');
  });

  it('a sign-up held as spam and released still waits for its confirmation, with its mail job', async () => {
    const releaseAt = t0 + day;
    const queue = createPostgresLeadQueue({ db, now: () => releaseAt, random: Math.random });
    const spam = { score: 5, signals: ['honeypot'] };
    const { id } = await queue.enqueue(doiLead('held', t0), spam);
    const plain = await queue.enqueue({ ...doiLead('plain', t0), needsConfirmation: false }, spam);
    expect(await mailRows(id)).toEqual([]);

    expect((await queue.releaseSpam('all')).redriven).toEqual([id, plain.id].sort());
    expect(await row(id)).toMatchObject({ state: 'unconfirmed', due_at: null, confirmed_at: null });
    expect(await row(plain.id)).toMatchObject({ state: 'queued', due_at: new Date(releaseAt) });
    expect(await mailRows(id)).toMatchObject([{ state: 'pending' }]);
    // Only the lead that needs no confirmation can be claimed; the other waits for its link.
    expect((await queue.claim(10, 60_000)).map((lead) => lead.id)).toEqual([plain.id]);
    expect(await sendDueMails(mailDeps(releaseAt + 1_000))).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(catcher.mails().some((caught) => caught.leadId === id)).toBe(true);
  });

  it('mails a German link that queues the lead in its lane once; repeated clicks are harmless', async () => {
    const queue = createPostgresLeadQueue({ db, now: () => t0 + 2 * 3_600_000, random: Math.random });
    const { id } = await queue.enqueue(doiLead('bea', t0));
    expect(await sendDueMails(mailDeps(t0 + 1_000))).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(await sendDueMails(mailDeps(t0 + 2_000))).toEqual({ sent: 0, retried: 0, dead: 0 });
    const mail = catcher.mails().find((caught) => caught.leadId === id);
    expect(mail).toMatchObject({ to: ['bea@example.com'], subject: 'Bitte bestätigen' });
    const link = mail?.links[0] ?? '';
    expect(link).toMatch(/^https:\/\/www\.example\.com\/de\/anmeldung-bestaetigen\/\?token=/);
    expect(link).not.toContain('bea');

    const confirmAt = t0 + 3_600_000;
    const confirm = (at: number) => confirmLead({ db, secret, now: () => at }, tokenOf(link));
    expect(await confirm(confirmAt)).toEqual({ status: 'confirmed', drainerReserved: false });
    const confirmed = await row(id);
    expect(confirmed).toMatchObject({
      state: 'queued',
      lane: 'bulk',
      confirmed_at: new Date(confirmAt),
      due_at: new Date(confirmAt),
    });
    expect(await confirm(confirmAt + 5_000)).toEqual({ status: 'confirmed', drainerReserved: false });
    expect((await row(id))?.xmin).toBe(confirmed?.xmin);

    const [claimed] = await queue.claim(10, 60_000);
    expect(claimed).toMatchObject({
      id,
      confirmedAt: confirmAt,
      flow: { lane: 'bulk', group: 'form:newsletter', formId: 'newsletter' },
    });
    expect(claimed?.releasedFromSpam).toBeUndefined();
  });

  it('an expired or unknown link changes nothing', async () => {
    const queue = createPostgresLeadQueue({ db, now: () => t0, random: Math.random });
    const { id } = await queue.enqueue(doiLead('cy', t0));
    const token = signConfirmToken(secret, id, t0 + 7 * day);
    expect(await confirmLead({ db, secret, now: () => t0 + 7 * day }, token)).toEqual({ status: 'expired' });
    expect(
      await confirmLead({ db, secret, now: () => t0 }, signConfirmToken(secret, 'no-such-lead', t0 + day)),
    ).toEqual({ status: 'unknown' });
    expect(
      await confirmLead({ db, secret: 'another-secret-0123456789abcdef-0123', now: () => t0 }, token),
    ).toEqual({ status: 'unknown' });
    expect((await row(id))?.state).toBe('unconfirmed');
  });

  it('purges unclicked leads (and their mail jobs) after the retention period, on the injected clock', async () => {
    const queue = createPostgresLeadQueue({ db, now: () => t0, random: Math.random });
    const old = await queue.enqueue(doiLead('old', t0));
    const young = await queue.enqueue(doiLead('young', t0 + 2 * day));
    const run = (now: number) =>
      runLeadMails(
        { db, now: () => now, random: Math.random, log: () => {}, retry },
        {
          mailsBefore: { sent: 0, retried: 0, dead: 0, purgedUnconfirmed: 0 },
          purgeUnconfirmedBefore: now - 7 * day,
        },
      );
    expect((await run(t0 + 7 * day - 1)).purgedUnconfirmed).toBe(0);
    expect((await run(t0 + 7 * day + 1)).purgedUnconfirmed).toBe(1);
    expect(await row(old.id)).toBeUndefined();
    expect(await mailRows(old.id)).toEqual([]);
    expect((await row(young.id))?.state).toBe('unconfirmed');
    // Its link now finds nothing: a clear "unknown", never an error.
    expect(
      await confirmLead(
        { db, secret, now: () => t0 + 7 * day },
        signConfirmToken(secret, old.id, t0 + 8 * day),
      ),
    ).toEqual({
      status: 'unknown',
    });
  });

  it('retries a refused mail with backoff and dead-letters it without the address', async () => {
    let answer = 451;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        const error = Object.assign(new Error(`<${address.address}> try later`), { responseCode: answer });
        callback(error);
      },
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    const { port } = server.server.address() as AddressInfo;
    const transport = createSmtpTransport({ url: `smtp://127.0.0.1:${port}`, from: 'news@example.com' });
    try {
      const queue = createPostgresLeadQueue({ db, now: () => t0, random: Math.random });
      const { id } = await queue.enqueue(doiLead('dee', t0));
      expect(await sendDueMails(mailDeps(t0, transport))).toMatchObject({ retried: 1 });
      // Not due again before its backoff is over.
      expect(await sendDueMails(mailDeps(t0 + 100, transport))).toMatchObject({ retried: 0, dead: 0 });
      answer = 550;
      expect(await sendDueMails(mailDeps(t0 + 60_000, transport))).toMatchObject({ dead: 1 });
      const [mail] = await mailRows(id);
      expect(mail?.state).toBe('dead');
      expect(mail?.attempts).toHaveLength(2);
      expect(JSON.stringify(mail)).not.toContain('dee@example.com');
      expect(JSON.stringify(mail)).toContain('550');
    } finally {
      transport.close();
      await new Promise<void>((done) => server.close(() => done()));
    }
  });
});
