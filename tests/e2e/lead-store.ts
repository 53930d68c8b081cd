import { openScriptDatabase } from '../../scripts/lib/local-database.ts';

/** A stored lead as the e2e tests look at it. */
export interface StoredLead {
  state: 'queued' | 'done' | 'dead' | 'spam';
  idempotencyKey: string;
  spam: { score: number; signals: string[] } | null;
  payload: {
    fields: Record<string, string>;
    formId: string;
    locale: string;
    utm: Record<string, string>;
    referrer: string | null;
    consent: { given: boolean; version: string };
    fillMs: number | null;
  };
}

/**
 * Every stored lead (queued, delivered or spam) whose email is `email`, read from the database of
 * the server under test (`.netlify/db`, through that server): what the visitor's sign-up left behind.
 */
export async function storedLeadsFor(email: string): Promise<StoredLead[]> {
  const db = await openScriptDatabase();
  try {
    const { rows } = await db.query<{
      state: StoredLead['state'];
      idempotency_key: string;
      spam: StoredLead['spam'];
      payload: StoredLead['payload'];
    }>(`SELECT state, idempotency_key, spam, payload FROM leads WHERE payload -> 'fields' ->> 'email' = $1`, [
      email,
    ]);
    return rows.map((row) => ({
      state: row.state,
      idempotencyKey: row.idempotency_key,
      spam: row.spam,
      payload: row.payload,
    }));
  } finally {
    await db.close();
  }
}

/** An address no other test (or earlier run) has used. */
export const uniqueEmail = (tag: string) =>
  `e2e-${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
