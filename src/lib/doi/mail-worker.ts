import type { SqlClient } from '../db/sql-client.ts';
import { errorMessage, type DeliveryLog } from '../delivery/delivery-log.ts';
import { backoffMs, type RetryPolicy } from '../delivery/retry-policy.ts';
import { randomToken } from '../queue/random-token.ts';
import { isLocaleCode } from '../../schemas/locales.ts';
import type { FormConfigMap } from '../../schemas/lead.ts';
import type { MailEnv } from '../../schemas/mail-env.ts';
import { confirmLink } from './confirm-paths.ts';
import { signConfirmToken } from './confirm-token.ts';
import * as sql from './mail-sql.ts';
import type { MailOutcome, MailTransport } from './mail-transport.ts';
import { mailTextsFor, renderMail, type MailKind, type RenderedMail } from './render-mail.ts';

/** What sending the due mails needs; the transport is unset while SMTP_URL is. */
export interface MailWorkerDeps {
  db: SqlClient;
  env: Pick<MailEnv, 'confirmSecret' | 'unconfirmedRetentionMs' | 'siteUrl'>;
  transport: MailTransport | undefined;
  /** The form rules the build bundled: each form's mail texts per locale. */
  forms: () => Promise<FormConfigMap>;
  retry: RetryPolicy;
  now: () => number;
  random: () => number;
  log: DeliveryLog;
}

export interface MailSummary {
  sent: number;
  retried: number;
  dead: number;
}

interface MailRow {
  lead_id: string;
  kind: MailKind;
  attempt_count: number;
  lease_token: string;
  payload: { fields?: { email?: unknown }; locale?: unknown; formId?: unknown } | null;
  state: string;
  received_at: Date;
}

const leaseMs = 60_000;

/** The mail for a claimed row, or why it cannot be written (a permanent failure). */
function compose(
  row: MailRow,
  forms: FormConfigMap,
  deps: MailWorkerDeps,
): (RenderedMail & { to: string }) | string {
  const to = row.payload?.fields?.email;
  const locale = row.payload?.locale;
  const formId = row.payload?.formId;
  if (
    typeof to !== 'string' ||
    typeof formId !== 'string' ||
    typeof locale !== 'string' ||
    !isLocaleCode(locale)
  )
    return 'the lead has no address, form or locale';
  const texts = mailTextsFor(forms, formId, locale, row.kind);
  if (!texts) return `form ${formId} has no ${row.kind} mail in content`;
  if (row.kind === 'receipt') return { to, ...renderMail(texts) };
  if (row.state !== 'unconfirmed') return 'the lead no longer waits for confirmation';
  if (!deps.env.siteUrl) return 'no site URL (URL, DEPLOY_URL or SITE_URL) for the link';
  const expiresAt = row.received_at.getTime() + deps.env.unconfirmedRetentionMs;
  const token = signConfirmToken(deps.env.confirmSecret, row.lead_id, expiresAt);
  return { to, ...renderMail(texts, confirmLink(deps.env.siteUrl, locale, token)) };
}

/**
 * Send every due lead mail (confirmations, receipts): claim a batch with a lease in one statement,
 * send each through the transport, and settle it as sent, due again after a backoff (with jitter,
 * as CRM deliveries) or dead, keeping every attempt without an address. Stops when none is due or
 * after `maxBatches`. Never throws for a store error: the lease runs out and the mail is tried again.
 */
export async function sendDueMails(
  deps: MailWorkerDeps,
  options: { batch?: number; maxBatches?: number } = {},
): Promise<MailSummary> {
  const summary: MailSummary = { sent: 0, retried: 0, dead: 0 };
  if (!deps.transport) return summary;
  const batch = options.batch ?? 20;
  try {
    for (let round = 0; round < (options.maxBatches ?? 10); round += 1) {
      const time = deps.now();
      const token = randomToken(deps.random);
      const { rows } = await deps.db.query<MailRow>(sql.claimMailsSql, [
        new Date(time),
        new Date(time + leaseMs),
        token,
        batch,
      ]);
      if (rows.length === 0) break;
      const forms = await deps.forms();
      for (const row of rows) await sendOne(row, forms, deps, deps.transport, summary);
      if (rows.length < batch) break;
    }
  } catch (error) {
    deps.log({ event: 'store.error', during: 'sending lead mails', error: errorMessage(error) });
  }
  return summary;
}

async function sendOne(
  row: MailRow,
  forms: FormConfigMap,
  deps: MailWorkerDeps,
  transport: MailTransport,
  summary: MailSummary,
) {
  const at = deps.now();
  const mail = compose(row, forms, deps);
  const outcome: MailOutcome =
    typeof mail === 'string'
      ? { ok: false, retryable: false, status: 'network-error', detail: mail }
      : await transport.send({ to: mail.to, subject: mail.subject, text: mail.text, leadId: row.lead_id });
  const key = [row.lead_id, row.kind, row.lease_token];
  const attempt = JSON.stringify([
    outcome.ok ? { at, status: 250 } : { at, status: outcome.status, error: outcome.detail },
  ]);
  const base = {
    event: 'mail.send' as const,
    leadId: row.lead_id,
    kind: row.kind,
    attempt: row.attempt_count,
  };
  const retried = !outcome.ok && outcome.retryable && row.attempt_count < deps.retry.maxAttempts;
  if (outcome.ok) {
    await deps.db.query(sql.mailSentSql, [...key, new Date(deps.now()), attempt]);
    summary.sent += 1;
    deps.log({ ...base, outcome: 'sent' });
  } else if (retried) {
    const delay = Math.max(1_000, backoffMs(row.attempt_count, deps.retry, deps.random));
    await deps.db.query(sql.mailRetrySql, [...key, new Date(deps.now() + delay), attempt]);
    summary.retried += 1;
    deps.log({ ...base, outcome: 'retry', status: outcome.status, retryInMs: delay });
  } else {
    const reason = outcome.retryable
      ? `gave up after ${row.attempt_count} attempts: ${outcome.detail}`
      : outcome.detail;
    await deps.db.query(sql.mailDeadSql, [...key, attempt, reason]);
    summary.dead += 1;
    deps.log({ ...base, outcome: 'dead', status: outcome.status });
  }
  // A settled receipt no longer needs the address a delivered lead kept for it: a statement of its
  // own, so it reads what the settle committed (mail-sql.ts).
  if (row.kind === 'receipt' && !retried) await deps.db.query(sql.clearReceiptPayloadSql, [row.lead_id]);
}
