import type { DueEntry } from './due-entry.ts';

// 15 digits: milliseconds stay fixed-width (so list order is time order) until the year 33658.
const pad = (ms: number) => String(ms).padStart(15, '0');
const duePattern = /^(\d{15})-(\d{15})-([0-9a-f]{64})$/;

/** The key layout of one queue inside a Blobs store; every key starts with the queue's name. */
export interface QueueKeys {
  /** `<name>/lead/<leadKey>`: the lead record, the single source of truth. */
  lead(leadKey: string): string;
  /** `<name>/due/<dueAt>-<receivedAt>-<leadKey>`: an empty index blob; listing the prefix drains oldest first. */
  due(entry: DueEntry): string;
  duePrefix: string;
  /** Parses a listed index key; undefined for anything else (the local server can list its temp files). */
  parseDue(key: string): DueEntry | undefined;
  /** `<name>/dead/<leadKey>`: one dead letter per lead, so giving up twice cannot make two. */
  dead(leadKey: string): string;
  deadPrefix: string;
}

/** The key layout for the queue called `name`. */
export function queueKeys(name: string): QueueKeys {
  const duePrefix = `${name}/due/`;
  return {
    lead: (leadKey) => `${name}/lead/${leadKey}`,
    due: ({ dueAt, receivedAt, leadKey }) => `${duePrefix}${pad(dueAt)}-${pad(receivedAt)}-${leadKey}`,
    duePrefix,
    parseDue(key) {
      const match = duePattern.exec(key.slice(duePrefix.length));
      if (!key.startsWith(duePrefix) || !match) return undefined;
      const [, dueAt = '', receivedAt = '', leadKey = ''] = match;
      return { dueAt: Number(dueAt), receivedAt: Number(receivedAt), leadKey };
    },
    dead: (leadKey) => `${name}/dead/${leadKey}`,
    deadPrefix: `${name}/dead/`,
  };
}
