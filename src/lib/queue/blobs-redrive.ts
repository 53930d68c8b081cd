import { dueEntryOf } from './due-entry.ts';
import type { RedriveResult, RedriveTarget } from './lead-queue.ts';
import { redrivenRecord } from './lead-record.ts';
import type { QueueBlobs, StoredDeadLetter } from './queue-blobs.ts';
import { randomToken } from './random-token.ts';

/**
 * Put dead letters back on the queue. Per lead: re-queue the record from the letter (unless it is
 * already queued or delivered), index it, and only then delete exactly the letters read, so a crash
 * or a second redrive finds the letter again and finishes the job, and a letter written meanwhile
 * (the lead failed again) survives.
 */
export async function redriveLeads(
  blobs: QueueBlobs,
  target: RedriveTarget,
  deps: { now: () => number; random: () => number },
): Promise<RedriveResult> {
  const byLead = new Map<string, StoredDeadLetter[]>();
  for (const stored of await blobs.listDead()) {
    byLead.set(stored.leadKey, [...(byLead.get(stored.leadKey) ?? []), stored]);
  }
  const chosen = [...byLead.values()].filter(
    (letters) => target === 'all' || letters.some((stored) => stored.letter.id === target.id),
  );
  const redriven = await Promise.all(chosen.map((letters) => redriveLead(blobs, letters, deps)));
  const notFound = target !== 'all' && chosen.length === 0 ? [target.id] : [];
  return { redriven: redriven.sort(), notFound };
}

async function redriveLead(
  blobs: QueueBlobs,
  letters: StoredDeadLetter[],
  deps: { now: () => number; random: () => number },
): Promise<string> {
  const latest = letters.reduce((a, b) => (b.at > a.at ? b : a));
  const { leadKey } = latest;
  const record = await blobs.readLead(leadKey);
  if (record?.state === 'queued') {
    await blobs.addDue(dueEntryOf(leadKey, record));
  } else if (record?.state !== 'done') {
    const next = redrivenRecord(latest.letter, deps.now(), randomToken(deps.random));
    await blobs.writeLead(leadKey, next);
    await blobs.addDue(dueEntryOf(leadKey, next));
  }
  await Promise.all(letters.map((stored) => blobs.removeDead(stored)));
  return latest.letter.id;
}
