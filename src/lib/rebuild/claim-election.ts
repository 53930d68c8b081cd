import type { WindowClaim } from '../../schemas/webhook-records.ts';

/**
 * Who makes a window's build call, decided without atomic writes.
 *
 * Each closer writes its own claim blob (`claims/<window>/<claimedAt>-<claimantId>`), waits a
 * settle delay longer than a store write takes, then lists the window's claims. The earliest live
 * claim wins; equal times fall back to the claimant id, so every closer that lists the same claims
 * elects the same winner. A closer whose listing missed a rival's claim must have listed before
 * that claim landed, so the rival wrote later (by more than the settle delay after the first claim
 * was written), sees the first claim, and stands down. Losers and failed winners delete their
 * claim; a winner that dies mid-call is outlived by its lease, after which the window can be
 * claimed again (at worst one extra build, never a lost one).
 */
export function electClaim(
  claims: readonly WindowClaim[],
  now: number,
  leaseMs: number,
): WindowClaim | undefined {
  return claims
    .filter((claim) => claim.claimedAt + leaseMs > now)
    .sort((a, b) => a.claimedAt - b.claimedAt || (a.claimantId < b.claimantId ? -1 : 1))
    .at(0);
}
