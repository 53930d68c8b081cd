import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { startDevCrm, type DevCrm } from '../../scripts/dev-crm/dev-crm.ts';
import { startMailCatcher, type MailCatcher } from '../../scripts/dev-crm/mail-catcher.ts';
import type { SqlClient } from '../../src/lib/db/sql-client.ts';
import { confirmLead } from '../../src/lib/doi/confirm-lead.ts';
import { mailSentSql } from '../../src/lib/doi/mail-sql.ts';
import { sendDueMails, type MailWorkerDeps } from '../../src/lib/doi/mail-worker.ts';
import type { MailTransport } from '../../src/lib/doi/mail-transport.ts';
import { signConfirmToken } from '../../src/lib/doi/confirm-token.ts';
import { createSmtpTransport } from '../../src/lib/doi/smtp-transport.ts';
import { eraseSubject } from '../../src/lib/privacy/erase-subject.ts';
import { exportSubject } from '../../src/lib/privacy/export-subject.ts';
import { ackSql } from '../../src/lib/queue/lead-sql.ts';
import type { QueuedLead } from '../../src/lib/queue/lead-queue.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import type { FormConfigMap } from '../../src/schemas/lead.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { crmSecret, fastDeliveryEnv, resetDelivery, testWorker } from '../fixtures/delivery-harness.ts';

/**
 * Receipt mails on a real PostgreSQL with a real SMTP catcher and the dev CRM on loopback: the
 * job is written by the intake's one statement, the receipt goes out in the visitor's locale
 * whether the CRM took the lead first or not, a delivered lead keeps only the address until its
 * receipt is settled, SMTP trouble never touches CRM delivery, a double opt-in receipt waits for
 * the click, and an erasure takes pending receipts with it. Times of mail retries are injected.
 */
let db: TestDatabase;
let catcher: MailCatcher;
let crm: DevCrm | undefined;
beforeAll(async () => {
  [db, catcher] = await Promise.all([realPostgresDatabase(), startMailCatcher()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([db.close(), catcher.close()]);
});
beforeEach(() => resetDelivery(db));
afterEach(async () => {
  await crm?.close();
  crm = undefined;
});

const day = 86_400_000;
const secret = 'integration-confirm-secret-0123456789abcdef';
const retry = { maxAttempts: 5, baseMs: 1_000, maxMs: 60_000 };
const forms: FormConfigMap = {
  demo: {
    fields: ['email'],
    requiredFields: ['email'],
    customFields: [],
    pageSlugs: ['home'],
    lane: 'urgent',
    mails: {
      'en-US': { receipt: { subject: 'We have your request', body: 'Thank you.' } },
      'de-DE': { receipt: { subject: 'Anfrage erhalten', body: 'Vielen Dank.' } },
    },
  },
  newsletter: {
    fields: ['email'],
    requiredFields: ['email'],
    customFields: [],
    pageSlugs: ['newsletter'],
    lane: 'bulk',
    needsConfirmation: true,
    mails: {
      'de-DE': {
        confirmation: { subject: 'Bitte bestätigen', body: 'Bitte bestätigen:\n{link}' },
        receipt: { subject: 'Willkommen', body: 'Sie sind angemeldet.' },
      },
    },
  },
};
const lead = (key: string, receivedAt: number, formId = 'demo'): Omit<QueuedLead, 'id'> => ({
  idempotencyKey: key,
  fingerprint: `fields-of-${key}`,
  receivedAt,
  payload: {
    fields: { email: `${key}@example.com`, firstName: 'Ada' },
    formId,
    pageSlug: formId,
    locale: 'de-DE',
    consent: { given: true, version: `form-${formId}:de-DE:0123456789abcdef`, at: new Date(receivedAt) },
  },
  flow: { lane: forms[formId]?.lane ?? 'normal', group: `form:${formId}`, formId },
  needsConfirmation: forms[formId]?.needsConfirmation === true,
  wantsReceipt: true,
});
const catcherTransport = () => createSmtpTransport({ url: catcher.smtpUrl, from: 'hello@example.com' });
const mailOptions = (transport: MailTransport) => ({
  env: { confirmSecret: secret, unconfirmedRetentionMs: 7 * day, siteUrl: 'https://www.example.com' },
  transport,
  forms: async () => forms,
});
const mailDeps = (now: number, transport: MailTransport = catcherTransport()): MailWorkerDeps => ({
  db,
  ...mailOptions(transport),
  retry,
  now: () => now,
  random: () => 0.5,
  log: () => {},
});
const leadRow = async (id: string) =>
  (
    await db.query<{ state: string; payload: Record<string, unknown> | null }>(
      'SELECT state, payload FROM leads WHERE id = $1',
      [id],
    )
  ).rows[0];
const mailRows = async (id: string) =>
  (
    await db.query<{ kind: string; state: string; attempts: unknown[] }>(
      'SELECT kind, state, attempts FROM lead_mails WHERE lead_id = $1 ORDER BY kind',
      [id],
    )
  ).rows;
const waitingOnLocks = async () =>
  (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    )
  ).rows[0]?.n ?? 0;
const caughtFor = (id: string) => catcher.mails().filter((mail) => mail.leadId === id);
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

describe('receipt mails on a real PostgreSQL', () => {
  it('an accepted lead gets its receipt in its locale and reaches the CRM once; nothing personal is left', async () => {
    const { seen, client } = counting(db);
    const queue = createPostgresLeadQueue({ db: client, now: Date.now, random: Math.random });
    const { id } = await queue.enqueue(lead('ada', Date.now() - 100));
    // The receipt job came with the lead: one statement.
    expect(seen).toHaveLength(1);
    expect(await mailRows(id)).toMatchObject([{ kind: 'receipt', state: 'pending' }]);

    crm = await startDevCrm({ secret: crmSecret });
    const { worker } = testWorker(db, crm, { mail: mailOptions(catcherTransport()) });
    const summary = await worker.run({ whenIdle: 'stop' });

    expect(summary.mails?.sent).toBe(1);
    expect(crm.received().filter((received) => received.id === id)).toHaveLength(1);
    expect(caughtFor(id)).toMatchObject([
      { to: ['ada@example.com'], subject: 'Anfrage erhalten', text: 'Vielen Dank.\n' },
    ]);
    expect(await leadRow(id)).toEqual({ state: 'done', payload: null });
    expect(await mailRows(id)).toMatchObject([{ kind: 'receipt', state: 'sent' }]);
  });

  it('the CRM took the lead first: the ack keeps only the address, the receipt still goes, then it is gone', async () => {
    const t0 = Date.parse('2026-12-07T10:00:00Z');
    const queue = createPostgresLeadQueue({ db, now: () => t0 + 1_000, random: Math.random });
    const { id } = await queue.enqueue({
      ...lead('bea', t0),
      payload: { ...lead('bea', t0).payload, locale: 'en-US' },
    });
    const [claimed] = await queue.claim(10, 60_000);
    expect(claimed?.id).toBe(id);
    if (claimed) await queue.ackMany([claimed]);

    expect(await leadRow(id)).toEqual({
      state: 'done',
      payload: { fields: { email: 'bea@example.com' }, locale: 'en-US', formId: 'demo' },
    });
    // What is kept is found, and listed, by a data-subject export.
    const held = await exportSubject({ db, outbox: undefined, secret, now: () => t0 }, 'bea@example.com');
    expect(held.leads).toMatchObject([{ id, state: 'done' }]);
    expect(held.mails).toMatchObject([{ leadId: id, kind: 'receipt', state: 'pending' }]);

    expect(await sendDueMails(mailDeps(t0 + 2_000))).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(caughtFor(id)).toMatchObject([{ to: ['bea@example.com'], subject: 'We have your request' }]);
    expect(await leadRow(id)).toEqual({ state: 'done', payload: null });
  });

  it('an ack racing the settle of its receipt waits for it and keeps nothing', async () => {
    const t0 = Date.parse('2026-12-07T11:00:00Z');
    const queue = createPostgresLeadQueue({ db, now: () => t0, random: Math.random });
    const { id } = await queue.enqueue(lead('cy', t0));
    const [claimed] = await queue.claim(10, 60_000);
    const mail = (
      await db.query<{ lease_token: string }>(
        `UPDATE lead_mails SET lease_token = 'mail-lease' WHERE lead_id = $1 RETURNING lease_token`,
        [id],
      )
    ).rows[0];
    const settling = new pg.Client({ connectionString: db.url });
    await settling.connect();
    try {
      // The worker's settle, not yet committed, when the CRM's ack arrives.
      await settling.query('BEGIN');
      await settling.query(mailSentSql, [id, 'receipt', mail?.lease_token, new Date(t0), '[]']);
      const acking = db.query(ackSql, [id, claimed?.leaseToken, new Date(t0)]);
      // The ack waits on the receipt's row lock (without it, it would keep the address).
      let acked = false;
      void acking.finally(() => (acked = true));
      while (!acked && (await waitingOnLocks()) === 0) await new Promise((next) => setTimeout(next, 20));
      await settling.query('COMMIT');
      await acking;
    } finally {
      await settling.end();
    }
    expect(await leadRow(id)).toEqual({ state: 'done', payload: null });
  });

  it('a receipt settled while the ack of its lead is in flight still clears what the ack kept', async () => {
    const t0 = Date.parse('2026-12-07T11:30:00Z');
    const queue = createPostgresLeadQueue({ db, now: () => t0, random: Math.random });
    const { id } = await queue.enqueue(lead('cyd', t0));
    const [claimed] = await queue.claim(10, 60_000);
    const acking = new pg.Client({ connectionString: db.url });
    await acking.connect();
    let sent = () => {};
    const sending = new Promise<void>((done) => (sent = done));
    let inSend = () => {};
    const entered = new Promise<void>((done) => (inSend = done));
    // The SMTP call is under way (the mail leased, not locked) when the CRM's ack arrives.
    const slow: MailTransport = {
      async send() {
        inSend();
        await sending;
        return { ok: true };
      },
    };
    try {
      const mailing = sendDueMails(mailDeps(t0 + 1_000, slow));
      await entered;
      await acking.query('BEGIN');
      await acking.query(ackSql, [id, claimed?.leaseToken, new Date(t0)]);
      sent();
      let settled = false;
      void mailing.finally(() => (settled = true));
      while (!settled && (await waitingOnLocks()) === 0) await new Promise((next) => setTimeout(next, 20));
      await acking.query('COMMIT');
      expect(await mailing).toEqual({ sent: 1, retried: 0, dead: 0 });
    } finally {
      await acking.end();
    }
    expect(await leadRow(id)).toEqual({ state: 'done', payload: null });
  });

  it('SMTP refusing: CRM delivery goes on; the receipt is retried, then dead, and the address goes', async () => {
    let answer = 451;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        callback(Object.assign(new Error(`<${address.address}> try later`), { responseCode: answer }));
      },
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    const { port } = server.server.address() as AddressInfo;
    const refusing = createSmtpTransport({ url: `smtp://127.0.0.1:${port}`, from: 'hello@example.com' });
    try {
      const queue = createPostgresLeadQueue({ db, now: Date.now, random: Math.random });
      const { id } = await queue.enqueue(lead('dee', Date.now() - 100));
      crm = await startDevCrm({ secret: crmSecret });
      const { worker } = testWorker(db, crm, {
        env: fastDeliveryEnv({ LEADS_DELIVERY_MAX_ATTEMPTS: '3' }),
        mail: mailOptions(refusing),
      });
      const summary = await worker.run({ whenIdle: 'stop' });

      expect(summary.delivered).toBe(1);
      expect(crm.received().filter((received) => received.id === id)).toHaveLength(1);
      expect(summary.mails).toMatchObject({ sent: 0, dead: 0 });
      expect(await mailRows(id)).toMatchObject([{ kind: 'receipt', state: 'pending' }]);
      // Delivered, with only what the receipt needs while it is retried.
      expect((await leadRow(id))?.payload).toEqual({
        fields: { email: 'dee@example.com' },
        locale: 'de-DE',
        formId: 'demo',
      });

      const later = Date.now() + 10 * 60_000;
      expect(await sendDueMails(mailDeps(later, refusing))).toMatchObject({ retried: 1 });
      answer = 550;
      expect(await sendDueMails(mailDeps(later + 10 * 60_000, refusing))).toMatchObject({ dead: 1 });
      const [receipt] = await mailRows(id);
      expect(receipt?.state).toBe('dead');
      expect(JSON.stringify(receipt)).not.toContain('dee@example.com');
      expect(await leadRow(id)).toEqual({ state: 'done', payload: null });
      expect(crm.received().filter((received) => received.id === id)).toHaveLength(1);
    } finally {
      refusing.close();
      await new Promise<void>((done) => server.close(() => done()));
    }
  });

  it('a double opt-in receipt waits for the click, then follows it', async () => {
    const t0 = Date.parse('2026-12-07T12:00:00Z');
    const queue = createPostgresLeadQueue({ db, now: () => t0, random: Math.random });
    const { id } = await queue.enqueue(lead('eve', t0, 'newsletter'));
    expect(await mailRows(id)).toMatchObject([
      { kind: 'confirmation', state: 'pending' },
      { kind: 'receipt', state: 'waiting' },
    ]);
    expect(await sendDueMails(mailDeps(t0 + 1_000))).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(await sendDueMails(mailDeps(t0 + day))).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(caughtFor(id).map((mail) => mail.subject)).toEqual(['Bitte bestätigen']);

    const token = signConfirmToken(secret, id, t0 + 7 * day);
    const confirmAt = t0 + 2 * day;
    expect(await confirmLead({ db, secret, now: () => confirmAt }, token)).toMatchObject({
      status: 'confirmed',
    });
    expect(await sendDueMails(mailDeps(confirmAt + 1_000))).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(caughtFor(id).map((mail) => mail.subject)).toEqual(['Bitte bestätigen', 'Willkommen']);
    expect(caughtFor(id)[1]).toMatchObject({ to: ['eve@example.com'], links: [] });
    // A repeated click sends no second receipt.
    await confirmLead({ db, secret, now: () => confirmAt + 5_000 }, token);
    expect(await sendDueMails(mailDeps(confirmAt + 10_000))).toEqual({ sent: 0, retried: 0, dead: 0 });
  });

  it('spam gets no receipt; released, it gets one (a double opt-in one after the click)', async () => {
    const t0 = Date.parse('2026-12-07T13:00:00Z');
    const queue = createPostgresLeadQueue({ db, now: () => t0 + day, random: Math.random });
    const spam = { score: 5, signals: ['honeypot'] };
    const plain = await queue.enqueue(lead('fay', t0), spam);
    const doi = await queue.enqueue(lead('gus', t0, 'newsletter'), spam);
    expect([...(await mailRows(plain.id)), ...(await mailRows(doi.id))]).toEqual([]);
    expect(await sendDueMails(mailDeps(t0 + 1_000))).toEqual({ sent: 0, retried: 0, dead: 0 });

    await queue.releaseSpam('all');
    expect(await mailRows(plain.id)).toMatchObject([{ kind: 'receipt', state: 'pending' }]);
    expect(await mailRows(doi.id)).toMatchObject([
      { kind: 'confirmation', state: 'pending' },
      { kind: 'receipt', state: 'waiting' },
    ]);
    expect(await sendDueMails(mailDeps(t0 + day + 1_000))).toEqual({ sent: 2, retried: 0, dead: 0 });
    expect(caughtFor(plain.id).map((mail) => mail.subject)).toEqual(['Anfrage erhalten']);
    expect(caughtFor(doi.id).map((mail) => mail.subject)).toEqual(['Bitte bestätigen']);
  });

  it('an erasure removes pending receipts, of a queued lead and of a delivered one', async () => {
    const t0 = Date.parse('2026-12-07T14:00:00Z');
    const queue = createPostgresLeadQueue({ db, now: () => t0 + 100, random: Math.random });
    const queued = await queue.enqueue(lead('hal', t0));
    const delivered = await queue.enqueue({ ...lead('hal', t0 + 1), idempotencyKey: 'hal-again' });
    const claimed = (await queue.claim(10, 60_000)).filter((one) => one.id === delivered.id);
    await queue.ackMany(claimed);
    expect((await leadRow(delivered.id))?.state).toBe('done');

    const result = await eraseSubject(
      { db, outbox: undefined, secret, now: () => t0 + 1_000, source: 'cli', log: () => {} },
      'hal@example.com',
    );
    expect(result.leads).toEqual({ queued: 1, done: 1 });
    expect(await mailRows(queued.id)).toEqual([]);
    expect(await mailRows(delivered.id)).toEqual([]);
    expect(await sendDueMails(mailDeps(t0 + 2_000))).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(caughtFor(queued.id)).toEqual([]);
  });
});
