/** A run of heading text: either free to wrap, or a hyphenated word that must stay on one line. */
export interface TextRun {
  text: string;
  keepTogether: boolean;
}

// A word with an inner hyphen ("30-minute", "E-Mail-Adresse"), with any punctuation glued to it.
const hyphenatedWord = /[^\s-]+(?:-[^\s-]+)+/gu;

/**
 * Splits heading text so hyphenated words can be kept whole: browsers may break a line after any
 * hyphen, which turns "Book a 30-minute demo" into "Book a 30-" / "minute demo". The text itself is
 * unchanged (no non-breaking hyphen characters), so copying and searching it still work.
 */
export function hyphenatedRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  for (const match of text.matchAll(hyphenatedWord)) {
    if (match.index > last) runs.push({ text: text.slice(last, match.index), keepTogether: false });
    runs.push({ text: match[0], keepTogether: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), keepTogether: false });
  return runs;
}
