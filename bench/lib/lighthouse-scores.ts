/** The four Lighthouse categories the brief asks 100 in. */
export const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof categories)[number];

/** What the benchmark reads of a Lighthouse result (`lhr`): scores 0–1, audits with weights. */
export interface LighthouseResult {
  runtimeError?: { code: string; message: string };
  categories: Partial<Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>>;
  audits: Record<string, { title: string; score: number | null; numericValue?: number }>;
}

/** One page's scores (0–100, the median over the runs), its LCP and what cost points. */
export interface PageScores {
  path: string;
  scores: Partial<Record<Category, number>>;
  lcpMs: number | undefined;
  /** Weighted audits scoring below 1, each at its lowest, e.g. `performance: Largest Contentful Paint (0.97)`. */
  below100: string[];
  runtimeError?: string;
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The median of each category over `runs` of one page, and the audits that cost points in any run. */
export function medianScores(path: string, runs: readonly LighthouseResult[]): PageScores {
  const scores: Partial<Record<Category, number>> = {};
  for (const name of categories) {
    const values = runs.flatMap((run) => {
      const score = run.categories[name]?.score;
      return typeof score === 'number' ? [Math.round(score * 100)] : [];
    });
    if (values.length) scores[name] = median(values);
  }
  // Each audit once, at its lowest score over the runs.
  const lowest = new Map<string, number>();
  for (const run of runs)
    for (const name of categories)
      for (const ref of run.categories[name]?.auditRefs ?? []) {
        const audit = run.audits[ref.id];
        if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
          const key = `${name}: ${audit.title}`;
          lowest.set(key, Math.min(lowest.get(key) ?? 1, audit.score));
        }
      }
  const lcps = runs.flatMap((run) => run.audits['largest-contentful-paint']?.numericValue ?? []);
  const error = runs.find((run) => run.runtimeError)?.runtimeError;
  return {
    path,
    scores,
    lcpMs: lcps.length ? Math.round(median(lcps)) : undefined,
    below100: [...lowest].map(([key, score]) => `${key} (${score})`).sort(),
    ...(error ? { runtimeError: `${error.code}: ${error.message}` } : {}),
  };
}
