/** A Chart.js value axis as plain JSON (the reports cannot carry callbacks). */
export interface ValueAxis {
  type: 'linear' | 'logarithmic';
  min?: number;
  max?: number;
  beginAtZero?: boolean;
  title: { display: true; text: string };
  ticks: { maxRotation: 0; autoSkip: true; autoSkipPadding: number; maxTicksLimit?: number };
}

/** Above this ratio between the largest and smallest value, a linear axis squashes the small bars. */
const logRatio = 50;

/**
 * A readable axis for `values`: linear from zero unless the values span more than `logRatio`, then
 * logarithmic between whole powers of ten, so its ticks land on 0.1, 1, 10 … and Chart.js can skip
 * labels that would collide (autoSkip with padding; the labels never rotate).
 */
export function valueAxis(values: readonly number[], title: string): ValueAxis {
  const positive = values.filter((value) => value > 0 && Number.isFinite(value));
  const ticks = { maxRotation: 0, autoSkip: true, autoSkipPadding: 24 } as const;
  const low = Math.min(...positive);
  const high = Math.max(...positive);
  if (positive.length < 2 || high / low <= logRatio) {
    return {
      type: 'linear',
      beginAtZero: true,
      title: { display: true, text: title },
      ticks: { ...ticks, maxTicksLimit: 8 },
    };
  }
  return {
    type: 'logarithmic',
    min: 10 ** Math.floor(Math.log10(low)),
    max: 10 ** Math.ceil(Math.log10(high)),
    title: { display: true, text: `${title} (log scale)` },
    ticks,
  };
}
