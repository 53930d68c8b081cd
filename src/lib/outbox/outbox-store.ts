import { getStore, type Store } from '@netlify/blobs';
import type { QueuedLead, SpamMark } from '../queue/lead-queue.ts';

/** One lead the database could not take in time, as the fallback outbox keeps it until it moves. */
export interface OutboxEntry {
  lead: Omit<QueuedLead, 'id'>;
  spam?: SpamMark;
}

/**
 * The fallback outbox: a store independent of the database (Netlify Blobs, strongly consistent),
 * keyed by the lead's storage key, so a retry of one submission writes the same entry.
 */
export interface LeadOutbox {
  put(key: string, entry: OutboxEntry): Promise<void>;
  get(key: string): Promise<OutboxEntry | undefined>;
  keys(): Promise<string[]>;
  delete(key: string): Promise<void>;
}

/** The Blobs store of the outbox. `store` is opened on first use: a site without Blobs fails then, not at start. */
export const OUTBOX_STORE_NAME = 'lead-outbox';

/** The outbox on a Netlify Blobs store (open it with `consistency: 'strong'`). */
export function blobsOutbox(openStore: () => Store): LeadOutbox {
  let store: Store | undefined;
  const opened = () => (store ??= openStore());
  return {
    async put(key, entry) {
      await opened().setJSON(key, entry);
    },
    async get(key) {
      const entry = (await opened().get(key, { type: 'json' })) as OutboxEntry | null;
      return entry ?? undefined;
    },
    async keys() {
      const found: string[] = [];
      for await (const page of opened().list({ paginate: true }))
        found.push(...page.blobs.map((blob) => blob.key));
      return found.sort();
    },
    async delete(key) {
      await opened().delete(key);
    },
  };
}

/** The site's outbox on Netlify Blobs (on Netlify, and under Netlify's local emulation). */
export const netlifyLeadOutbox = (): LeadOutbox =>
  blobsOutbox(() => getStore({ name: OUTBOX_STORE_NAME, consistency: 'strong' }));
