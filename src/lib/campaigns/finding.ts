/** The three answers to "are we ready?", worst last. */
export const verdicts = ['go', 'at-risk', 'no-go'] as const;

export type Verdict = (typeof verdicts)[number];

/** One reason behind a verdict: what was found and what to do about it. */
export interface Finding {
  /** `go` findings are reassurances shown in the report; the others set the verdict. */
  severity: Verdict;
  /** A short id, stable across runs, for tests and for grepping logs (e.g. `capacity-below-peak`). */
  code: string;
  message: string;
}

/** The worst severity among the findings: one blocker makes the whole campaign a no-go. */
export function verdictOf(findings: readonly Finding[]): Verdict {
  return findings.reduce<Verdict>(
    (worst, finding) =>
      verdicts.indexOf(finding.severity) > verdicts.indexOf(worst) ? finding.severity : worst,
    'go',
  );
}

/**
 * Readinesses with the worst verdict first (no-go, at-risk, go), launch order within a verdict: a
 * report is read from the top, and what needs action must not sit thousands of pixels down.
 */
export function worstFirst<T extends { verdict: Verdict; launchAt: number }>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) => verdicts.indexOf(b.verdict) - verdicts.indexOf(a.verdict) || a.launchAt - b.launchAt,
  );
}
