/**
 * How bad a problem is. `error`: an entry failed its checks and something is missing or older on
 * the site. `warning`: a link or button to something unpublished was left out. `readiness`: a launch
 * ticket (campaign) is incomplete; no page changes because of it.
 */
export type ProblemSeverity = 'error' | 'warning' | 'readiness';

/** One problem, said once, in the words of the entry a marketer edits. */
export interface ContentProblem {
  severity: ProblemSeverity;
  /** A problem /ops/ singles out (alerts on), e.g. `consent-without-privacy-page`; most have none. */
  kind?: string;
  contentType: string;
  entryId: string;
  entryName: string;
  field: string | undefined;
  locales: string[];
  message: string;
  /** Site paths whose content this changes; `*` for every page (site settings, navigation). */
  pages: string[];
  /** What visitors see instead while it is not fixed. */
  instead: string;
}

/** The build's content report: written to the build output and printed at the end of the build. */
export interface ContentReport {
  problems: ContentProblem[];
}

const severityOrder: Record<ProblemSeverity, number> = { error: 0, readiness: 1, warning: 2 };

/** Problems ordered errors first, otherwise as found (a site-wide problem is found first). */
export function sortProblems(problems: readonly ContentProblem[]): ContentProblem[] {
  return [...problems].sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity]);
}

const label: Record<ProblemSeverity, string> = {
  error: 'Error',
  warning: 'Warning',
  readiness: 'Campaign readiness',
};

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The report as log lines: a count, then each problem with the pages it affects and what shows instead. */
export function formatContentReport(report: ContentReport): string[] {
  if (report.problems.length === 0) return ['Content report: no problems'];
  const count = (severity: ProblemSeverity) =>
    report.problems.filter((problem) => problem.severity === severity).length;
  const lines = [
    `Content report: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('readiness'), 'campaign finding')}`,
  ];
  for (const problem of sortProblems(report.problems)) {
    const field = problem.field ? ` › ${problem.field}` : '';
    const locales = problem.locales.length > 0 ? ` [${problem.locales.join(', ')}]` : '';
    const where = `${problem.contentType} "${problem.entryName}" (${problem.entryId})`;
    lines.push(`  ${label[problem.severity]}: ${where}${field}${locales}: ${problem.message}`);
    const pages = problem.pages.includes('*') ? 'every page' : problem.pages.join(', ');
    if (pages) lines.push(`    Pages: ${pages}`);
    lines.push(`    The site shows instead: ${problem.instead}`);
  }
  return lines;
}
