import type { DueEntry } from './due-entry.ts';

// 15 digits: milliseconds stay fixed-width (so list order is time order) until the year 33658.
const pad = (ms: number) => String(ms).padStart(15, '0');
const duePattern = /^(\d{15})-(\d{15})-([0-9a-f]{64})(-leased)?$/;
const stampedPattern = /^([0-9a-f]{64})-(\d{15})$/;
const settledPattern = /^(\d{15})-([0-9a-f]{64})$/;
const hourMs = 3_600_000;

/** A listed dead letter or delivery record key: which lead, and when it happened. */
export interface StampedKey {
  leadKey: string;
  at: number;
}

/** The key layout of one queue inside a Blobs store; every key starts with the queue's name. */
export interface QueueKeys {
  /** `<name>/lead/<leadKey>`: the lead record, the single source of truth. */
  lead(leadKey: string): string;
  /**
   * `<name>/due/<dueAt>-<receivedAt>-<leadKey>[-leased]`: an empty index blob; listing the prefix
   * drains oldest first, and the suffix marks a lease so in-flight leads are counted without reads.
   */
  due(entry: DueEntry): string;
  duePrefix: string;
  /** Parses a listed index key; undefined for anything else (the local server can list its temp files). */
  parseDue(key: string): DueEntry | undefined;
  /**
   * `<name>/dead/<leadKey>-<deadAt>`: a dead letter. The time makes each giving-up its own blob, so
   * a redrive deletes exactly the letter it read and never a newer one written meanwhile.
   */
  dead(leadKey: string, deadAt: number): string;
  deadPrefix: string;
  parseDead(key: string): StampedKey | undefined;
  /**
   * `<name>/done/<hour>/<settledAt>-<leadKey>`: an empty blob per delivered lead, bucketed by hour
   * so the retention purge and "last delivery" list a few directories, not every delivery.
   */
  done(leadKey: string, settledAt: number): string;
  donePrefix: string;
  /** The hour bucket (its start, ms) of a listed `done` directory. */
  parseDoneBucket(directory: string): number | undefined;
  doneBucketPrefix(hourStart: number): string;
  parseDone(key: string): StampedKey | undefined;
}

/** The key layout for the queue called `name`. */
export function queueKeys(name: string): QueueKeys {
  const duePrefix = `${name}/due/`;
  const deadPrefix = `${name}/dead/`;
  const donePrefix = `${name}/done/`;
  const hourOf = (ms: number) => ms - (ms % hourMs);
  const stamped = (prefix: string, key: string): StampedKey | undefined => {
    const match = key.startsWith(prefix) ? stampedPattern.exec(key.slice(prefix.length)) : null;
    return match ? { leadKey: match[1] ?? '', at: Number(match[2]) } : undefined;
  };
  return {
    lead: (leadKey) => `${name}/lead/${leadKey}`,
    due: ({ dueAt, receivedAt, leadKey, leased }) =>
      `${duePrefix}${pad(dueAt)}-${pad(receivedAt)}-${leadKey}${leased ? '-leased' : ''}`,
    duePrefix,
    parseDue(key) {
      const match = duePattern.exec(key.slice(duePrefix.length));
      if (!key.startsWith(duePrefix) || !match) return undefined;
      const [, dueAt = '', receivedAt = '', leadKey = '', leased] = match;
      return { dueAt: Number(dueAt), receivedAt: Number(receivedAt), leadKey, leased: leased !== undefined };
    },
    dead: (leadKey, deadAt) => `${deadPrefix}${leadKey}-${pad(deadAt)}`,
    deadPrefix,
    parseDead: (key) => stamped(deadPrefix, key),
    done: (leadKey, settledAt) => `${donePrefix}${pad(hourOf(settledAt))}/${pad(settledAt)}-${leadKey}`,
    donePrefix,
    parseDoneBucket(directory) {
      const match = /^(\d{15})\/?$/.exec(directory.slice(donePrefix.length));
      return directory.startsWith(donePrefix) && match ? Number(match[1]) : undefined;
    },
    doneBucketPrefix: (hourStart) => `${donePrefix}${pad(hourStart)}/`,
    parseDone(key) {
      const slash = key.lastIndexOf('/');
      const match = settledPattern.exec(key.slice(slash + 1));
      return key.startsWith(donePrefix) && match
        ? { leadKey: match[2] ?? '', at: Number(match[1]) }
        : undefined;
    },
  };
}

/** Length of one `done` bucket; a bucket is purged whole once its last hour is past the retention. */
export const DONE_BUCKET_MS = hourMs;
