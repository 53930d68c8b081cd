import type { LeadOutbox, OutboxEntry } from '../outbox/outbox-store.ts';
import { addressesIn } from './address-hash.ts';

/** An outbox entry holding the address, under its key (the lead key). */
export interface OutboxCopy {
  key: string;
  entry: OutboxEntry;
}

/**
 * The outbox entries holding `address` (normalised). The outbox is empty unless the database was
 * away, so reading every entry is cheap; an outbox that cannot be read is an error, never "none".
 */
export async function outboxCopiesOf(outbox: LeadOutbox, address: string): Promise<OutboxCopy[]> {
  const copies: OutboxCopy[] = [];
  for (const key of await outbox.keys()) {
    const entry = await outbox.get(key);
    if (entry && addressesIn(entry.lead.payload).includes(address)) copies.push({ key, entry });
  }
  return copies;
}

/**
 * The copies, or why the outbox could not be read (no Netlify Blobs on this host; Blobs down): the
 * request goes on without it and says so. An unread copy still never reaches the CRM: it arrived
 * before the erasure, so the mover's screen deletes it.
 */
export async function readOutboxCopies(
  outbox: LeadOutbox | undefined,
  address: string,
): Promise<OutboxCopy[] | string> {
  if (!outbox) return 'not read: no Netlify Blobs on this host';
  try {
    return await outboxCopiesOf(outbox, address);
  } catch (error) {
    return `not read (${error instanceof Error ? error.name : 'error'})`;
  }
}
