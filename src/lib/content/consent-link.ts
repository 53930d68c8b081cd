/** A piece of consent text: plain, or the words that link to the privacy page. */
export interface ConsentRun {
  text: string;
  link: boolean;
}

const bracketed = /\[([^\]]+)\]/;

/**
 * Where the privacy link goes in a consent text, so marketers keep writing plain sentences:
 * `[words]` in the text become the link; otherwise the first mention of the privacy page's title
 * ("… Details are in the privacy notice."); otherwise the title is added after the text.
 */
export function consentRuns(text: string, privacyTitle: string | undefined): ConsentRun[] {
  const marked = bracketed.exec(text);
  if (!privacyTitle) return [{ text: text.replace(bracketed, '$1'), link: false }];
  if (marked) return split(text.replace(bracketed, '$1'), marked.index, marked[1].length);
  const at = text.toLocaleLowerCase().indexOf(privacyTitle.toLocaleLowerCase());
  if (at >= 0) return split(text, at, privacyTitle.length);
  return [
    { text: `${text} `, link: false },
    { text: privacyTitle, link: true },
  ];
}

function split(text: string, start: number, length: number): ConsentRun[] {
  return [
    { text: text.slice(0, start), link: false },
    { text: text.slice(start, start + length), link: true },
    { text: text.slice(start + length), link: false },
  ].filter((run) => run.text !== '');
}
