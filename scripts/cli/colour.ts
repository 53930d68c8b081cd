import { styleText } from 'node:util';

/** What decides colour: whether the stream is a terminal, and the environment. */
export interface ColourSetting {
  isTTY: boolean | undefined;
  env: Record<string, string | undefined>;
}

/**
 * Colour only for a person at a terminal: never when `NO_COLOR` is set to anything (no-color.org),
 * when output is piped or redirected, or on a `dumb` terminal. `FORCE_COLOR` (not `0`) turns it on
 * for a log viewer that renders colour, unless `NO_COLOR` is set too.
 */
export function shouldColour({ isTTY, env }: ColourSetting): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR) return env.FORCE_COLOR !== '0';
  return isTTY === true && env.TERM !== 'dumb';
}

/** The few styles the command-line tools use, each the identity when colour is off. */
export interface Palette {
  /** A good verdict: GO, delivered, idle. */
  good: (text: string) => string;
  /** A verdict that needs a look: AT-RISK, retrying. */
  warn: (text: string) => string;
  /** A bad verdict or a failure: NO-GO, FAILING, an error line. */
  bad: (text: string) => string;
  /** Secondary detail. */
  dim: (text: string) => string;
}

/** A palette that colours when `enabled`, and returns text untouched otherwise. */
export function palette(enabled: boolean): Palette {
  const style =
    (format: Parameters<typeof styleText>[0]) =>
    (text: string): string =>
      enabled ? styleText(format, text, { validateStream: false }) : text;
  return { good: style('green'), warn: style('yellow'), bad: style('red'), dim: style('dim') };
}

/** The palette for this process's standard output. */
export const stdoutPalette = (): Palette =>
  palette(shouldColour({ isTTY: process.stdout.isTTY, env: process.env }));

/** The palette for this process's standard error. */
export const stderrPalette = (): Palette =>
  palette(shouldColour({ isTTY: process.stderr.isTTY, env: process.env }));

/** A verdict word styled by how good it is: `go`, `at-risk`, `no-go` (the campaign tools' words). */
export const paintVerdict =
  (colour: Palette) =>
  (verdict: 'go' | 'at-risk' | 'no-go', text: string): string =>
    ({ go: colour.good, 'at-risk': colour.warn, 'no-go': colour.bad })[verdict](text);
