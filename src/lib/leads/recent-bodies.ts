import { hash as digest } from 'node:crypto';

/** A bounded, in-instance memory of what recent submissions said, for the `repeated-body` signal. */
export interface RecentBodies {
  /** Remember `content` as sent by `submission`; answers how many other submissions sent it. */
  record(content: unknown, submission: string): number;
}

/** Submissions remembered per content: enough to see a replay, small enough to stay bounded. */
const keysPerContent = 4;

/**
 * Remembers the last `capacity` distinct contents (oldest forgotten first) and which submissions
 * (idempotency keys) sent each. A retry of the same submission is not a repeat; the same words
 * from another submission are. Only hashes are kept: no lead data lingers in memory.
 */
export function createRecentBodies(capacity = 10_000): RecentBodies {
  const seen = new Map<string, string[]>();
  return {
    record(content, submission) {
      const hash = digest('sha256', JSON.stringify(content), 'base64url');
      const keys = seen.get(hash) ?? [];
      seen.delete(hash);
      const others = keys.filter((key) => key !== submission).length;
      if (!keys.includes(submission)) keys.push(submission);
      seen.set(hash, keys.slice(-keysPerContent));
      if (seen.size > capacity) seen.delete(seen.keys().next().value!);
      return others;
    },
  };
}
