import type { Store } from '@netlify/blobs';
import type { DueEntry } from './due-entry.ts';
import type { DeadLetter } from './lead-queue.ts';
import type { LeadRecord } from './lead-record.ts';
import { queueKeys, type StampedKey } from './queue-keys.ts';

/** A dead letter as stored: which lead and blob it is, and the letter. */
export interface StoredDeadLetter extends StampedKey {
  letter: DeadLetter;
}

/** Typed reads and writes of one queue's blobs. Every method throws when the store does. */
export interface QueueBlobs {
  readLead(leadKey: string): Promise<LeadRecord | undefined>;
  writeLead(leadKey: string, record: LeadRecord): Promise<void>;
  /**
   * Write the record unless the key exists; true when this call wrote it. One round trip instead
   * of read-then-write on the enqueue path. Not trusted to be atomic (locally it is not).
   */
  createLead(leadKey: string, record: LeadRecord): Promise<boolean>;
  removeLead(leadKey: string): Promise<void>;
  addDue(entry: DueEntry): Promise<void>;
  removeDue(entry: DueEntry): Promise<void>;
  /** Every index entry, oldest due first. */
  listDue(): Promise<DueEntry[]>;
  writeDead(leadKey: string, letter: DeadLetter): Promise<void>;
  removeDead(dead: StampedKey): Promise<void>;
  /** Which dead letters exist, from the key list alone. */
  listDeadKeys(): Promise<StampedKey[]>;
  /** Every dead letter with its blob's identity, oldest first. */
  listDead(): Promise<StoredDeadLetter[]>;
  addDone(leadKey: string, settledAt: number): Promise<void>;
  removeDone(done: StampedKey): Promise<void>;
  /** Start times of the hour buckets holding delivery records, oldest first. */
  listDoneBuckets(): Promise<number[]>;
  listDone(hourStart: number): Promise<StampedKey[]>;
}

/** The queue `name`'s blobs in `store` (a `getStore({ consistency: 'strong' })`, so reads see the last write). */
export function queueBlobs(store: Store, name: string): QueueBlobs {
  const keys = queueKeys(name);
  const listKeys = async (prefix: string) => {
    const found: string[] = [];
    for await (const page of store.list({ prefix, paginate: true })) {
      found.push(...page.blobs.map((blob) => blob.key));
    }
    // The production list is lexicographic; the local server lists in directory order, hence the sort.
    return found.sort();
  };
  const parsed = <T>(list: string[], parse: (key: string) => T | undefined) =>
    list.map(parse).filter((item) => item !== undefined);
  return {
    // Only this module writes these blobs, so the JSON is trusted to have the shape it was given.
    readLead: async (leadKey) =>
      ((await store.get(keys.lead(leadKey), { type: 'json' })) as LeadRecord | null) ?? undefined,
    writeLead: async (leadKey, record) => void (await store.setJSON(keys.lead(leadKey), record)),
    createLead: async (leadKey, record) =>
      (await store.setJSON(keys.lead(leadKey), record, { onlyIfNew: true })).modified,
    removeLead: (leadKey) => store.delete(keys.lead(leadKey)),
    addDue: async (entry) => void (await store.set(keys.due(entry), '')),
    removeDue: (entry) => store.delete(keys.due(entry)),
    listDue: async () => parsed(await listKeys(keys.duePrefix), (key) => keys.parseDue(key)),
    writeDead: async (leadKey, letter) =>
      void (await store.setJSON(keys.dead(leadKey, letter.deadAt), letter)),
    removeDead: ({ leadKey, at }) => store.delete(keys.dead(leadKey, at)),
    listDeadKeys: async () => parsed(await listKeys(keys.deadPrefix), (key) => keys.parseDead(key)),
    async listDead() {
      const found = parsed(await listKeys(keys.deadPrefix), (key) => keys.parseDead(key));
      const letters = await Promise.all(
        found.map(async (dead) => {
          const letter = (await store.get(keys.dead(dead.leadKey, dead.at), {
            type: 'json',
          })) as DeadLetter | null;
          return letter ? { ...dead, letter } : undefined;
        }),
      );
      return letters.filter((stored) => stored !== undefined).sort((a, b) => a.at - b.at);
    },
    addDone: async (leadKey, settledAt) => void (await store.set(keys.done(leadKey, settledAt), '')),
    removeDone: ({ leadKey, at }) => store.delete(keys.done(leadKey, at)),
    async listDoneBuckets() {
      const buckets: number[] = [];
      for await (const page of store.list({ prefix: keys.donePrefix, directories: true, paginate: true })) {
        buckets.push(...parsed(page.directories, (key) => keys.parseDoneBucket(key)));
      }
      return [...new Set(buckets)].sort((a, b) => a - b);
    },
    listDone: async (hourStart) =>
      parsed(await listKeys(keys.doneBucketPrefix(hourStart)), (key) => keys.parseDone(key)),
  };
}
