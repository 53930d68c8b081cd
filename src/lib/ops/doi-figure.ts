import type { SqlClient } from '../db/sql-client.ts';
import { escapeHtml } from '../content/escape-html.ts';
import { readDoiFigures, type DoiFigures } from '../doi/doi-figures.ts';
import type { OpsMetrics } from './read-metrics.ts';

/** The ops figures with double opt-in's added (a second, small statement: src/lib/doi/doi-figures.ts). */
export function withDoiFigures(
  metrics: () => Promise<OpsMetrics>,
  db: SqlClient,
  now: () => number,
): () => Promise<OpsMetrics> {
  return async () => {
    const figures = await metrics();
    return { ...figures, doubleOptIn: await readDoiFigures(db, now()) };
  };
}

/**
 * The figure on /ops/: leads waiting for their confirmation link, and mails not sent; marked bad
 * when mails were given up or are piling up (no SMTP_URL, or the mail server refusing).
 */
export function doiFigure(figures: DoiFigures | undefined): string {
  if (!figures) return '';
  const bad = figures.mailsDead > 0 || figures.mailsPending > 50;
  const mails =
    figures.mailsPending + figures.mailsDead > 0
      ? ` · mails ${figures.mailsPending} waiting, ${figures.mailsDead} given up`
      : '';
  return `<div><dt>Unconfirmed (double opt-in)</dt><dd${bad ? ' class="bad"' : ''}>${escapeHtml(`${figures.unconfirmed}${mails}`)}</dd></div>`;
}
