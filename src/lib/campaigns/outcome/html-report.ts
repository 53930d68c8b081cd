import type { ChartConfiguration } from 'chart.js';
import { escapeHtml } from '../../content/escape-html.ts';

/** A titled two-column table of facts (scripts/campaign-reports/readiness-facts.ts builds them). */
interface FactTable {
  title: string;
  rows: readonly (readonly [label: string, value: string])[];
}

/** One chart: a canvas and the Chart.js configuration that draws it (plain JSON, no callbacks). */
export interface ReportChart {
  id: string;
  title: string;
  config: ChartConfiguration;
}

/** A titled part of a report: trusted HTML (built with `escapeHtml`) and the charts under it. */
export interface ReportSection {
  /** The section's anchor, so an overview can link to it. */
  id?: string;
  heading: string;
  html: string;
  charts: ReportChart[];
}

/**
 * Chart.js's UMD build (`chartJsSource()`) inlined, so the page needs no other file; or, for a
 * page served under a CSP without inline code (`/ops/report/`), the addresses of Chart.js, the
 * stylesheet (`REPORT_STYLE`) and the drawing script (`REPORT_BOOTSTRAP`).
 */
export type ReportScripts = string | { chartJsSrc: string; stylesheetHref: string; bootstrapSrc: string };

export interface HtmlReport {
  title: string;
  subtitle: string;
  sections: ReportSection[];
  chartJs: ReportScripts;
  /** Trusted HTML above the sections (the ops report's window form and links). */
  intro?: string;
}

/** JSON that is safe inside a <script> element: `</script>` and friends cannot end it early. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** The report's styles (inline in a file, `stylesheetHref` when served). */
export const REPORT_STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #0f172a; }
h1 { margin-bottom: 0; } .subtitle { color: #475569; margin-top: .25rem; }
section { border-top: 1px solid #cbd5e1; margin-top: 2rem; }
table { border-collapse: collapse; margin: 1rem 0; } th, td { text-align: left; padding: .25rem .75rem; border-bottom: 1px solid #e2e8f0; vertical-align: top; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.verdict { display: inline-block; padding: .1rem .6rem; border-radius: .3rem; font-weight: 700; color: #fff; }
.verdict.go { background: #15803d; } .verdict.at-risk { background: #b45309; } .verdict.no-go { background: #b91c1c; }
li.go::marker { content: "✓ "; } li.at-risk::marker { content: "! "; } li.no-go::marker { content: "✗ "; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(28rem, 1fr)); gap: 1.5rem; }
figure { margin: 0; } figcaption { font-weight: 600; } .chart { position: relative; height: 18rem; }
`;

// Draws every chart from its JSON; animation off so a screenshot taken at load shows the data.
export const REPORT_BOOTSTRAP = `
for (const data of document.querySelectorAll('script[type="application/json"][data-chart]')) {
  const config = JSON.parse(data.textContent);
  config.options = { ...config.options, animation: false, responsive: true, maintainAspectRatio: false };
  new Chart(document.getElementById(data.dataset.chart), config);
}
document.body.dataset.chartsDrawn = String(Object.keys(Chart.instances).length);
`;

function chartHtml(chart: ReportChart): string {
  const id = escapeHtml(chart.id);
  return `<figure><figcaption>${escapeHtml(chart.title)}</figcaption><div class="chart"><canvas id="${id}" role="img" aria-label="${escapeHtml(chart.title)}"></canvas></div>
<script type="application/json" data-chart="${id}">${scriptJson(chart.config)}</script></figure>`;
}

/** A self-contained HTML page: styles, data and Chart.js inline, so it can be mailed or archived as one file. */
export function renderHtmlReport(report: HtmlReport): string {
  const sections = report.sections
    .map(
      (
        section,
      ) => `<section${section.id ? ` id="${escapeHtml(section.id)}"` : ''}><h2>${escapeHtml(section.heading)}</h2>${section.html}
<div class="charts">${section.charts.map(chartHtml).join('\n')}</div></section>`,
    )
    .join('\n');
  const { chartJs } = report;
  const linked = typeof chartJs !== 'string';
  const style = linked
    ? `<link rel="stylesheet" href="${escapeHtml(chartJs.stylesheetHref)}">`
    : `<style>${REPORT_STYLE}</style>`;
  const scripts = linked
    ? `<script src="${escapeHtml(chartJs.chartJsSrc)}"></script>
<script src="${escapeHtml(chartJs.bootstrapSrc)}"></script>`
    : `<script>${chartJs.replace(/<\/script/gi, '<\\/script')}</script>
<script>${REPORT_BOOTSTRAP}</script>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title>${style}</head>
<body><h1>${escapeHtml(report.title)}</h1><p class="subtitle">${escapeHtml(report.subtitle)}</p>
${report.intro ?? ''}${sections}
${scripts}
</body></html>
`;
}

/** Escaped text, with `backticks` shown as code (the messages are written for terminals and Markdown too). */
export const inlineHtml = (text: string): string => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

/** An HTML table from rows of already-formatted cells; `numeric` columns are right-aligned. */
export function htmlTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly number[] = [],
): string {
  const cell = (value: string, column: number) =>
    `<td${numeric.includes(column) ? ' class="number"' : ''}>${inlineHtml(value)}</td>`;
  return `<table><thead><tr>${headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('\n')}</tbody></table>`;
}

/** Labelled fact tables (the same ones the Markdown report and the terminal show), each under its title. */
export const factTablesHtml = (tables: readonly FactTable[]): string =>
  tables.map((table) => `<h3>${escapeHtml(table.title)}</h3>${htmlTable(['', ''], table.rows)}`).join('');
