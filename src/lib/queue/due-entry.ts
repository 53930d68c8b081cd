import type { LeadRecord } from './lead-record.ts';

/**
 * One entry of the time-ordered index a worker drains. Entries are hints: the lead record is the
 * truth, so a stale or duplicate entry is skipped (and tidied) by comparing it with the record.
 */
export interface DueEntry {
  dueAt: number;
  receivedAt: number;
  leadKey: string;
  /** True while a worker's lease holds the lead, so status can count in-flight leads from keys alone. */
  leased: boolean;
}

/** The entry that should exist for a queued record. */
export function dueEntryOf(leadKey: string, record: LeadRecord): DueEntry {
  return { dueAt: record.dueAt, receivedAt: record.receivedAt, leadKey, leased: record.lease !== undefined };
}

/** True when two entries name the same index key. */
export function sameEntry(a: DueEntry, b: DueEntry): boolean {
  return (
    a.dueAt === b.dueAt && a.receivedAt === b.receivedAt && a.leadKey === b.leadKey && a.leased === b.leased
  );
}
