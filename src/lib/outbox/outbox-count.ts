import type { LeadOutbox } from './outbox-store.ts';

/**
 * How many leads wait in the fallback outbox, for `leads:status`: a number, or why it could not be
 * read (the error's class only). Never throws: the queue's status must show whatever Blobs does.
 */
export async function outboxCount(open: () => Promise<LeadOutbox>): Promise<number | string> {
  try {
    return (await (await open()).keys()).length;
  } catch (error) {
    return `unknown (${error instanceof Error ? error.name : 'error'})`;
  }
}
