/** Something wrong with one field of one entry, in words a marketer can act on. */
export interface ContentIssue {
  contentType: string;
  entryId: string;
  entryTitle: string;
  field: string | undefined;
  message: string;
  locales: string[];
  /** Where the entry is used, e.g. the page whose section links to it. */
  usedBy?: string;
  /** The page (or settings, or campaign) being built when the problem was found. */
  rootId?: string;
}

/** One issue as a line: `landingPage "Spring sale" (3xYz) › seoDescription [de-DE]: keep it to 160 characters or fewer`. */
export function formatContentIssue(issue: ContentIssue): string {
  const where = `${issue.contentType} "${issue.entryTitle}" (${issue.entryId})`;
  const field = issue.field ? ` › ${issue.field}` : '';
  const locales = issue.locales.length > 0 ? ` [${issue.locales.join(', ')}]` : '';
  const usedBy = issue.usedBy ? ` (used by ${issue.usedBy})` : '';
  return `${where}${field}${locales}: ${issue.message}${usedBy}`;
}

/** Merge issues that differ only by locale, so a fallback-shared mistake is reported once. */
export function mergeIssuesAcrossLocales(issues: ContentIssue[]): ContentIssue[] {
  const merged = new Map<string, ContentIssue>();
  for (const issue of issues) {
    const key = [issue.entryId, issue.field, issue.message].join('\u0000');
    const existing = merged.get(key);
    if (existing) existing.locales = [...new Set([...existing.locales, ...issue.locales])];
    else merged.set(key, { ...issue, locales: [...issue.locales] });
  }
  return [...merged.values()];
}
