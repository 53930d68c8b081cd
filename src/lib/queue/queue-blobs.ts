import type { Store } from '@netlify/blobs';
import type { DueEntry } from './due-entry.ts';
import type { DeadLetter } from './lead-queue.ts';
import type { LeadRecord } from './lead-record.ts';
import { queueKeys } from './queue-keys.ts';

/** Typed reads and writes of one queue's blobs. Every method throws when the store does. */
export interface QueueBlobs {
  readLead(leadKey: string): Promise<LeadRecord | undefined>;
  writeLead(leadKey: string, record: LeadRecord): Promise<void>;
  addDue(entry: DueEntry): Promise<void>;
  removeDue(entry: DueEntry): Promise<void>;
  /** Every index entry, oldest due first. */
  listDue(): Promise<DueEntry[]>;
  writeDead(leadKey: string, letter: DeadLetter): Promise<void>;
  listDead(): Promise<DeadLetter[]>;
}

/** The queue `name`'s blobs in `store` (a `getStore({ consistency: 'strong' })`, so reads see the last write). */
export function queueBlobs(store: Store, name: string): QueueBlobs {
  const keys = queueKeys(name);
  const listKeys = async (prefix: string) => {
    const found: string[] = [];
    for await (const page of store.list({ prefix, paginate: true })) {
      found.push(...page.blobs.map((blob) => blob.key));
    }
    return found;
  };
  return {
    // Only this module writes these blobs, so the JSON is trusted to have the shape it was given.
    readLead: async (leadKey) => (await store.get(keys.lead(leadKey), { type: 'json' })) ?? undefined,
    writeLead: async (leadKey, record) => void (await store.setJSON(keys.lead(leadKey), record)),
    addDue: async (entry) => void (await store.set(keys.due(entry), '')),
    removeDue: (entry) => store.delete(keys.due(entry)),
    async listDue() {
      const entries = (await listKeys(keys.duePrefix)).sort().map(keys.parseDue);
      // The production list is lexicographic; the local server lists in directory order, hence the sort.
      return entries.filter((entry) => entry !== undefined);
    },
    writeDead: async (leadKey, letter) => void (await store.setJSON(keys.dead(leadKey), letter)),
    async listDead() {
      const letters = await Promise.all(
        (await listKeys(keys.deadPrefix)).map((key) => store.get(key, { type: 'json' })),
      );
      const found: DeadLetter[] = letters.filter((letter) => letter !== null);
      return found.sort((a, b) => a.deadAt - b.deadAt);
    },
  };
}
