import { readConsentTexts, type StoredConsentText } from '../consent/read-consent-texts.ts';
import type { SqlClient } from '../db/sql-client.ts';
import type { LeadOutbox } from '../outbox/outbox-store.ts';
import { leadIdFor } from '../queue/lead-id.ts';
import { addressHash } from './address-hash.ts';
import { exportErasuresSql, exportEventsSql, exportLeadsSql, exportMailsSql } from './privacy-sql.ts';
import { readOutboxCopies } from './subject-outbox.ts';

/** What a data-subject export reads with. */
export interface SubjectDeps {
  db: SqlClient;
  /** Undefined on a host without Netlify Blobs: the export then says the outbox was not read. */
  outbox: LeadOutbox | undefined;
  secret: string;
  now: () => number;
}

interface ExportLeadRow {
  id: string;
  state: string;
  received_at: Date;
  settled_at: Date | null;
  lane: string;
  group_key: string;
  form_id: string;
  payload: Record<string, unknown>;
  attempts: unknown[];
  spam: unknown;
  dead_reason: string | null;
}

interface ExportMailRow {
  lead_id: string;
  kind: string;
  state: string;
  created_at: Date;
  sent_at: Date | null;
  attempts: unknown[];
  dead_reason: string | null;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Delivered leads cannot be found by address: said in every export, so an empty one is not misread. */
export const DELIVERED_NOTE =
  'Delivered leads keep no personal data here: their payload is deleted on delivery (the row keeps id, times and outcome for LEADS_RETENTION_DAYS), so they cannot be found by address; one whose receipt mail is not yet sent keeps only the address, locale and form until it is (listed above, state done). The CRM holds the delivered copy; the lead.erased event tells it to erase it.';

/** Everything held about one address (normalised), as JSON for the person who asked. */
export async function exportSubject(deps: SubjectDeps, address: string) {
  const { rows } = await deps.db.query<ExportLeadRow>(exportLeadsSql, [address]);
  const hash = addressHash(deps.secret, address);
  const erasures = (await deps.db.query(exportErasuresSql, [hash])).rows;
  const events = (await deps.db.query(exportEventsSql, [address])).rows;
  const copies = await readOutboxCopies(deps.outbox, address);
  const texts = await consentTextsOf(deps.db, rows);
  const mails = rows.length
    ? (await deps.db.query<ExportMailRow>(exportMailsSql, [rows.map((row) => row.id)])).rows
    : [];
  const leads = rows.map((row) => ({
    id: row.id,
    state: row.state,
    receivedAt: iso(row.received_at),
    settledAt: iso(row.settled_at),
    flow: { lane: row.lane, group: row.group_key, formId: row.form_id },
    payload: row.payload,
    spam: row.spam,
    deadReason: row.dead_reason,
  }));
  return {
    address,
    exportedAt: new Date(deps.now()).toISOString(),
    leads,
    deliveryAttempts: rows.flatMap((row) => row.attempts.map((attempt) => ({ leadId: row.id, attempt }))),
    mails: mails.map((mail) => ({
      leadId: mail.lead_id,
      kind: mail.kind,
      state: mail.state,
      createdAt: iso(mail.created_at),
      sentAt: iso(mail.sent_at),
      attempts: mail.attempts,
      deadReason: mail.dead_reason,
    })),
    consentRecords: rows.map((row) => {
      const consent = row.payload.consent ?? null;
      return { leadId: row.id, consent, words: wordsOf(consent, texts) };
    }),
    outbox:
      typeof copies === 'string'
        ? copies
        : copies.map(({ key, entry }) => ({ id: leadIdFor(entry.lead.receivedAt, key), ...entry })),
    erasures,
    pendingCrmEvents: events,
    notes: [DELIVERED_NOTE],
  };
}

export type SubjectExport = Awaited<ReturnType<typeof exportSubject>>;

const versionOf = (consent: unknown): string | undefined =>
  typeof consent === 'object' &&
  consent !== null &&
  'version' in consent &&
  typeof consent.version === 'string'
    ? consent.version
    : undefined;

/** The words each consent version stood for (consent_texts, docs/consent.md): one read per version. */
async function consentTextsOf(db: SqlClient, rows: readonly ExportLeadRow[]) {
  const versions = [
    ...new Set(rows.map((row) => versionOf(row.payload.consent)).filter((v) => v !== undefined)),
  ];
  const found = await Promise.all(versions.map((version) => readConsentTexts(db, { version })));
  return new Map(found.flat().map((text) => [text.version, text]));
}

/** What the person agreed to, word for word; null when the version's text was never stored. */
function wordsOf(consent: unknown, texts: ReadonlyMap<string, StoredConsentText>) {
  const text = texts.get(versionOf(consent) ?? '');
  if (!text) return null;
  return {
    text: text.text,
    locale: text.locale,
    privacyUrl: text.privacyUrl,
    firstSeenAt: text.firstSeenAt.toISOString(),
  };
}
