/** Whether a lead looks like a bot's, and why. Spam is still answered 202 so bots learn nothing. */
export type SpamVerdict =
  { verdict: 'ok' } | { verdict: 'spam'; reason: 'honeypot' | 'too-fast' | 'no-fill-time' };

/** The evidence `checkSpam` weighs. */
export interface SpamSignals {
  /** The honeypot input's value. */
  website: string | undefined;
  /** Ms from first interaction to submit, measured by the page script with `performance.now()`. */
  fillMs: number | undefined;
  /** Epoch ms of the first interaction, by the visitor's clock: a fallback when `fillMs` is absent. */
  startedAt: number | undefined;
  /** True when the page script posted (JSON): it always sends a fill time. */
  scripted: boolean;
  minFillMs: number;
  now: number;
}

/** Judge a validated lead on the honeypot and on how long it took to fill in. */
export function checkSpam(signals: SpamSignals): SpamVerdict {
  const { website, fillMs, startedAt, scripted, minFillMs, now } = signals;
  if (website !== undefined && website.trim() !== '') return { verdict: 'spam', reason: 'honeypot' };
  if (fillMs !== undefined)
    return fillMs < minFillMs ? { verdict: 'spam', reason: 'too-fast' } : { verdict: 'ok' };
  if (startedAt !== undefined) {
    const elapsed = now - startedAt;
    // A start "in the future" is a visitor clock ahead of ours, not evidence of a bot: no verdict.
    return elapsed >= 0 && elapsed < minFillMs ? { verdict: 'spam', reason: 'too-fast' } : { verdict: 'ok' };
  }
  // The page is a static file, so a no-JS post cannot carry a trustworthy start time; only the
  // page script's posts are expected to be timed.
  return scripted ? { verdict: 'spam', reason: 'no-fill-time' } : { verdict: 'ok' };
}
