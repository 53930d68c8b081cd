/**
 * Spam is a score, not a trap: each piece of evidence adds its weight, and only a total at or above
 * `spamThreshold` files a lead under spam. One weak signal (a fast fill, which browser autofill
 * makes normal) never decides alone; decisive evidence (the honeypot, a sub-300 ms post) does.
 * Spam is still answered 202 so bots learn nothing, and it is kept, with its score and signals,
 * for review and release. docs/lead-capture.md explains each weight.
 */
export const spamWeights = {
  /** The hidden `website` input was filled: people cannot see it. */
  honeypot: 100,
  /** Under `impossibleFillMs` from first touch to submit: not even autofill and a click are that fast. */
  'impossible-timing': 60,
  /** A JSON post without a fill time: our page script always sends one, so another script posted. */
  'scripted-without-fill-time': 60,
  /** Under `LEADS_MIN_FILL_MS`: typical of bots, but also of autofill on a phone. Weak. */
  'fast-timing': 20,
  /** The same content came recently from other submissions (other keys): a replayed body. */
  'repeated-body': 30,
  /** One or two links in the message. */
  links: 15,
  /** A link in a one-line field (a name, a company) or three and more in the message. */
  'link-stuffed': 40,
} as const;

export type SpamSignal = keyof typeof spamWeights;

/** The score at which a lead is filed under spam. */
export const spamThreshold = 50;

/** Faster than this (ms) no person submits a form, however it was filled in. */
export const impossibleFillMs = 300;

/** The judgement on one lead: its score, every signal that counted, and the verdict they give. */
export interface SpamVerdict {
  verdict: 'ok' | 'spam';
  score: number;
  signals: SpamSignal[];
}

/** The evidence `checkSpam` weighs. */
export interface SpamEvidence {
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
  /** How many other submissions recently carried the same content (see `createRecentBodies`). */
  repeats: number;
  /** The free-text values the visitor typed, and whether each field is multi-line. */
  texts: readonly { value: string; multiline: boolean }[];
}

const linkPattern = /\bhttps?:\/\/|\bwww\.[a-z0-9-]+\./gi;
const linksIn = (value: string) => value.match(linkPattern)?.length ?? 0;

/** Ms from first touch to submit: the script's monotonic measure, else the visitor's clock. */
function elapsedMs({ fillMs, startedAt, now }: SpamEvidence): number | undefined {
  if (fillMs !== undefined) return fillMs;
  // A start "in the future" is a visitor clock ahead of ours, not evidence of a bot: no timing.
  if (startedAt !== undefined && now >= startedAt) return now - startedAt;
  return undefined;
}

function signalsOf(evidence: SpamEvidence): SpamSignal[] {
  const signals: SpamSignal[] = [];
  if (evidence.website !== undefined && evidence.website.trim() !== '') signals.push('honeypot');
  const elapsed = elapsedMs(evidence);
  if (elapsed === undefined) {
    // The page is a static file, so a no-JS post cannot carry a trustworthy start time; only the
    // page script's posts are expected to be timed.
    if (evidence.scripted && evidence.startedAt === undefined) signals.push('scripted-without-fill-time');
  } else if (elapsed < impossibleFillMs) signals.push('impossible-timing');
  else if (elapsed < evidence.minFillMs) signals.push('fast-timing');
  if (evidence.repeats > 0) signals.push('repeated-body');
  const inOneLine = evidence.texts.some(({ value, multiline }) => !multiline && linksIn(value) > 0);
  const inMessages = evidence.texts.reduce(
    (sum, { value, multiline }) => sum + (multiline ? linksIn(value) : 0),
    0,
  );
  if (inOneLine || inMessages >= 3) signals.push('link-stuffed');
  else if (inMessages > 0) signals.push('links');
  return signals;
}

/** Weigh a validated lead's evidence into a score and a verdict. */
export function checkSpam(evidence: SpamEvidence): SpamVerdict {
  const signals = signalsOf(evidence);
  const score = signals.reduce((sum, signal) => sum + spamWeights[signal], 0);
  return { verdict: score >= spamThreshold ? 'spam' : 'ok', score, signals };
}
