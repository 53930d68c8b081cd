/** Where a progress line goes: a terminal is rewritten in place, a pipe gets a line now and then. */
export interface ProgressTarget {
  isTTY: boolean | undefined;
  write(text: string): unknown;
}

/** A long command's progress line. */
export interface ProgressLine {
  /** The current state; shown at once on a terminal, at most every `everyMs` elsewhere. */
  update(line: string): void;
  /** The last state, then a newline, so what follows starts on its own line. */
  done(): void;
}

/**
 * One progress line for a command that takes more than a few seconds. On a terminal the line is
 * rewritten in place (`\r`); piped into a file or CI log, a full line every `everyMs` (5 s), so the
 * log shows that something is happening without a line per tick.
 */
export function progressLine(
  target: ProgressTarget = process.stdout,
  options: { everyMs?: number; now?: () => number } = {},
): ProgressLine {
  const everyMs = options.everyMs ?? 5_000;
  const now = options.now ?? Date.now;
  let latest = '';
  let shown: string | undefined;
  let shownAt = -Infinity;
  let width = 0;
  const show = () => {
    // On a terminal, padding to the widest line so far wipes what a longer line left behind.
    if (target.isTTY) target.write(`\r${latest.padEnd(width)}`);
    else target.write(`${latest}\n`);
    width = Math.max(width, latest.length);
    shown = latest;
    shownAt = now();
  };
  return {
    update(line) {
      latest = line;
      if (target.isTTY || now() - shownAt >= everyMs) show();
    },
    done() {
      if (latest && latest !== shown) show();
      if (target.isTTY && shown !== undefined) target.write('\n');
    },
  };
}
