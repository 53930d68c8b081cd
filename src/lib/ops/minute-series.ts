/** One minute of rollups, every form and campaign together. */
export interface MinuteRollup {
  minute: number;
  accepted: number;
  spam: number;
  delivered: number;
  retried: number;
  dead: number;
  redriven: number;
  released: number;
}

/** One point of the page's charts and of `perMinute` in the JSON. */
export interface MinutePoint extends Omit<MinuteRollup, 'minute'> {
  /** ISO start of the minute. */
  minute: string;
  refused: number;
  /** Of the refused, answered 5xx (mostly 503: the store was unavailable). */
  unavailable: number;
  /** Leads queued at the end of the minute (reconstructed from today's depth, see below). */
  depth: number;
}

export const MINUTE_MS = 60_000;

const empty = (minute: number): MinuteRollup => ({
  minute,
  accepted: 0,
  spam: 0,
  delivered: 0,
  retried: 0,
  dead: 0,
  redriven: 0,
  released: 0,
});

/**
 * `minutes` points ending with the current minute, newest last, gaps filled with zeros. The depth at
 * the end of each minute is walked back from the depth now: a minute's arrivals (accepted,
 * redriven, released) raised it and its settlements (delivered, dead) lowered it, so no depth
 * history needs to be stored.
 */
export function minuteSeries(input: {
  now: number;
  minutes: number;
  depthNow: number;
  rollups: readonly MinuteRollup[];
  /** Refusals per minute start, and of them the 5xx. */
  refusals: ReadonlyMap<number, { refused: number; unavailable: number }>;
}): MinutePoint[] {
  const { now, minutes, depthNow } = input;
  const current = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const byMinute = new Map(input.rollups.map((row) => [row.minute, row]));
  const points: MinutePoint[] = [];
  let depth = depthNow;
  for (let index = 0; index < minutes; index += 1) {
    const minute = current - index * MINUTE_MS;
    const row = byMinute.get(minute) ?? empty(minute);
    const refusals = input.refusals.get(minute) ?? { refused: 0, unavailable: 0 };
    points.push({ ...row, ...refusals, minute: new Date(minute).toISOString(), depth });
    depth = Math.max(0, depth - (row.accepted + row.redriven + row.released) + (row.delivered + row.dead));
  }
  return points.reverse();
}

/** Per-minute rates over the last `window` minutes (the current, partial minute counted by its elapsed share). */
export function recentRates(points: readonly MinutePoint[], now: number, window = 5) {
  const recent = points.slice(-window);
  const elapsed = window - 1 + (now % MINUTE_MS) / MINUTE_MS;
  const minutes = Math.max(elapsed, 1);
  const sum = (pick: (point: MinutePoint) => number) =>
    recent.reduce((total, point) => total + pick(point), 0);
  return {
    deliveredPerMinute: sum((point) => point.delivered) / minutes,
    intakePerMinute: sum((point) => point.accepted + point.redriven + point.released) / minutes,
  };
}
