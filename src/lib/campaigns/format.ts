/** Numbers and durations as the reports print them. */

/** A rate with sensible precision: 0.012, 0.73, 9.2, 268. */
export function formatRate(perSecond: number): string {
  if (perSecond === 0) return '0';
  if (perSecond < 0.1) return perSecond.toPrecision(2);
  if (perSecond < 10) return perSecond.toFixed(2).replace(/\.?0+$/, '');
  return Math.round(perSecond).toLocaleString('en-US');
}

/** A count: 16,800. */
export const formatCount = (value: number): string => Math.round(value).toLocaleString('en-US');

/** A duration for people: 45 s, 12 min, 3.5 h, 2.1 d. */
export function formatDuration(seconds: number): string {
  const abs = Math.abs(seconds);
  if (abs < 90) return `${Math.round(seconds)} s`;
  if (abs < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (abs < 48 * 3600) return `${(seconds / 3600).toFixed(1).replace(/\.0$/, '')} h`;
  return `${(seconds / 86400).toFixed(1).replace(/\.0$/, '')} d`;
}

/** An instant in UTC, to the minute: 2026-12-01 08:00 UTC. */
export const formatInstant = (epochMs: number): string =>
  `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A share as a percentage: 0.6 → 60%. */
export const formatShare = (share: number): string => `${+(share * 100).toFixed(2)}%`;

/** A ratio such as headroom: 2.05× (two decimals below 10, so a threshold of 2× reads true). */
export const formatRatio = (ratio: number): string => `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}×`;
