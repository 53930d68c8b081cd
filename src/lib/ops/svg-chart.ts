import { escapeHtml } from '../content/escape-html.ts';

/** One line of a chart; `dashed` for a reference such as the configured pace. */
export interface ChartSeries {
  name: string;
  colour: string;
  values: readonly number[];
  dashed?: boolean;
}

export interface LineChartInput {
  id: string;
  title: string;
  /** A sentence for screen readers; the table behind the chart has every value. */
  description: string;
  /** One label per point (HH:MM). */
  labels: readonly string[];
  series: readonly ChartSeries[];
}

const width = 640;
const height = 200;
const pad = { left: 44, right: 8, top: 10, bottom: 22 };

/** A readable top for the y axis: 1, 2 or 5 times a power of ten, at least the largest value. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((top) => top >= value) ?? 10 * power;
}

/**
 * A small line chart as SVG, drawn on the server (no script, no chart library): the page stays a
 * few kilobytes and reads the same with JavaScript off. Colours are presentation attributes, which
 * the site's CSP (`style-src 'self'`) allows where inline `style` would be blocked.
 */
export function lineChart({ id, title, description, labels, series }: LineChartInput): string {
  const top = niceMax(Math.max(0, ...series.flatMap((line) => line.values)));
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const x = (index: number) => pad.left + (labels.length <= 1 ? 0 : (index / (labels.length - 1)) * plotW);
  const y = (value: number) => pad.top + plotH - (Math.max(0, value) / top) * plotH;
  const lines = series.map((line) => {
    const points = line.values
      .map((value, index) => `${x(index).toFixed(1)},${y(value).toFixed(1)}`)
      .join(' ');
    const dash = line.dashed ? ' stroke-dasharray="6 4"' : '';
    return `<polyline fill="none" stroke="${line.colour}" stroke-width="2"${dash} points="${points}"/>`;
  });
  const ticks = [0, top / 2, top].map(
    (value) =>
      `<text x="${pad.left - 6}" y="${(y(value) + 4).toFixed(1)}" text-anchor="end">${value}</text>` +
      `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" stroke="#ddd"/>`,
  );
  const xLabels = [0, Math.floor((labels.length - 1) / 2), labels.length - 1]
    .filter((index, at, all) => index >= 0 && all.indexOf(index) === at)
    .map(
      (index) =>
        `<text x="${x(index).toFixed(1)}" y="${height - 6}" text-anchor="middle">${escapeHtml(labels[index] ?? '')}</text>`,
    );
  const legend = series
    .map(
      (line) =>
        `<li><span class="swatch swatch-${escapeHtml(line.colour.replace('#', ''))}" aria-hidden="true"></span>${escapeHtml(line.name)}</li>`,
    )
    .join('');
  return [
    `<figure class="chart" id="${id}">`,
    `<figcaption>${escapeHtml(title)}</figcaption>`,
    `<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-size="11" fill="#444">`,
    `<title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(description)}</desc>`,
    ...ticks,
    ...xLabels,
    ...lines,
    `</svg>`,
    `<ul class="legend">${legend}</ul>`,
    chartTable(id, title, labels, series),
    `</figure>`,
  ].join('');
}

/** The chart's figures as a table (collapsed under the chart), for screen readers and copying. */
function chartTable(
  id: string,
  title: string,
  labels: readonly string[],
  series: readonly ChartSeries[],
): string {
  const head = `<tr><th scope="col">Minute (UTC)</th>${series.map((line) => `<th scope="col">${escapeHtml(line.name)}</th>`).join('')}</tr>`;
  const rows = labels
    .map((label, index) => {
      const cells = series.map((line) => `<td>${formatNumber(line.values[index] ?? 0)}</td>`).join('');
      return `<tr><th scope="row">${escapeHtml(label)}</th>${cells}</tr>`;
    })
    .reverse()
    .join('');
  return `<details><summary>${escapeHtml(title)}: table</summary><table id="${id}-table"><caption>${escapeHtml(title)}, newest first</caption><thead>${head}</thead><tbody>${rows}</tbody></table></details>`;
}

const formatNumber = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
