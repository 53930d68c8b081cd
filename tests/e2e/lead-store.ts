import { openScriptStore } from '../../scripts/lib/blobs.ts';
import type { LeadRecord } from '../../src/lib/queue/lead-record.ts';
import { LEAD_QUEUE_NAME, LEAD_STORE_NAME, SPAM_QUEUE_NAME } from '../../src/lib/queue/lead-stores.ts';

/** A stored lead as the e2e tests look at it. */
export interface StoredLead {
  queue: 'leads' | 'spam';
  record: LeadRecord;
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
 * Every stored lead (queue or spam) whose email is `email`, read straight from the local Blobs
 * data the server under test writes (`.netlify/blobs-serve`): what the visitor's sign-up left behind.
 */
export async function storedLeadsFor(email: string): Promise<StoredLead[]> {
  const { store, close } = await openScriptStore(LEAD_STORE_NAME);
  try {
    const found: StoredLead[] = [];
    for (const queue of [LEAD_QUEUE_NAME, SPAM_QUEUE_NAME] as const) {
      const { blobs } = await store.list({ prefix: `${queue}/lead/` });
      for (const { key } of blobs) {
        const record = (await store.get(key, { type: 'json' })) as LeadRecord | null;
        const payload = record?.payload as StoredLead['payload'] | undefined;
        if (record && payload?.fields?.email === email) found.push({ queue, record, payload });
      }
    }
    return found;
  } finally {
    await close();
  }
}

/** An address no other test (or earlier run) has used. */
export const uniqueEmail = (tag: string) =>
  `e2e-${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
