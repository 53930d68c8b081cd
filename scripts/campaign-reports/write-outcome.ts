import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { outcomeCsv, sourcesCsv } from '../../src/lib/campaigns/outcome/outcome-csv.ts';
import type { OutcomeReport } from '../../src/lib/campaigns/outcome/outcome-report.ts';
import { chartJsSource } from '../../src/lib/campaigns/outcome/chart-js-source.ts';
import { outcomeHtml } from '../../src/lib/campaigns/outcome/outcome-html.ts';

/** Write `<out>/<name>.html`, `.json`, `.csv` and `-sources.csv`; answers the path without extension. */
export async function writeOutcomeReport(report: OutcomeReport, out: string, name: string): Promise<string> {
  await mkdir(out, { recursive: true });
  const base = join(out, name);
  await writeFile(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(`${base}.csv`, outcomeCsv(report.campaigns));
  await writeFile(`${base}-sources.csv`, sourcesCsv(report.campaigns));
  await writeFile(
    `${base}.html`,
    outcomeHtml(report.campaigns, Date.parse(report.generatedAt), await chartJsSource()),
  );
  return base;
}
