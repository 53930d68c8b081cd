import type { ClaimedLead, LeadQueue } from '../queue/lead-queue.ts';

/** The next lead to send, or why there is none. */
export type NextLead =
  { kind: 'lead'; lead: ClaimedLead } | { kind: 'empty' } | { kind: 'store-error'; error: unknown };

/** How much to claim, for how long, and when to claim more (asked afresh before every claim). */
export interface ClaimSizing {
  batch: number;
  leaseMs: number;
  /** Claim the next batch in the background once fewer than this many are buffered (0: never ahead). */
  refillBelow: number;
}

/**
 * Claimed leads waiting for a token. Claims are batched (one statement each), and the next batch is
 * claimed while the current one is being sent, so the worker never waits on a claim at full speed.
 */
export function createLeadBuffer(queue: LeadQueue, sizing: () => ClaimSizing) {
  const leads: ClaimedLead[] = [];
  let pending: Promise<void> | undefined;
  let failure: { error: unknown } | undefined;
  const refill = () => {
    if (pending) return pending;
    const { batch, leaseMs } = sizing();
    pending = queue
      .claim(batch, leaseMs)
      .then(
        (claimed) => void leads.push(...claimed),
        (error: unknown) => void (failure = { error }),
      )
      .finally(() => (pending = undefined));
    return pending;
  };
  return {
    async next(): Promise<NextLead> {
      if (leads.length === 0) await refill();
      if (failure) {
        const { error } = failure;
        failure = undefined;
        return { kind: 'store-error', error };
      }
      const lead = leads.shift();
      if (!lead) return { kind: 'empty' };
      if (leads.length < sizing().refillBelow) void refill();
      return { kind: 'lead', lead };
    },
    /** A lead already claimed, without waiting for a claim (to spend a grant of several tokens). */
    ready(): ClaimedLead | undefined {
      const lead = leads.shift();
      if (leads.length < sizing().refillBelow) void refill();
      return lead;
    },
    size: () => leads.length,
    /** Start claiming now (before the first token is asked for), so the first token does not wait for a claim. */
    warm: () => void refill(),
    /** Return a lead that was taken but not sent, to the front. */
    putBack: (lead: ClaimedLead) => void leads.unshift(lead),
    /** Every lead still held once any claim in progress has landed: the caller hands them back. */
    async drainRemaining(): Promise<ClaimedLead[]> {
      await pending;
      return leads.splice(0);
    },
  };
}
