import type { LeadOutbox } from '../outbox/outbox-store.ts';

/** The Blobs outbox as /ops/ and the `outbox-held` rule see it. */
export type OutboxFacts =
  | {
      count: number;
      /** Age of the oldest lead among those read (all of them up to `sample`); null when empty. */
      oldestSeconds: number | null;
      /** How many entries were read for the age: fewer than `count` means "at least this old". */
      sampled: number;
    }
  | { error: string };

/**
 * Count the outbox and find its oldest lead. Keys are hashes (not time-ordered), so the age needs
 * the entries themselves: at most `sample` are read, in parallel. The outbox is empty while the
 * database answers, so this costs one list call on a healthy site. Never throws: the page shows
 * whatever Blobs does.
 */
export async function watchOutbox(
  open: () => Promise<LeadOutbox>,
  now: number,
  sample = 50,
): Promise<OutboxFacts> {
  try {
    const outbox = await open();
    const keys = await outbox.keys();
    const read = keys.slice(0, sample);
    const entries = await Promise.all(read.map((key) => outbox.get(key)));
    const times = entries.flatMap((entry) => (entry ? [entry.lead.receivedAt] : []));
    const oldest = times.length > 0 ? Math.min(...times) : undefined;
    return {
      count: keys.length,
      oldestSeconds: oldest === undefined ? null : Math.max(0, Math.round((now - oldest) / 1000)),
      sampled: read.length,
    };
  } catch (error) {
    return { error: `unknown (${error instanceof Error ? error.name : 'error'})` };
  }
}
