/**
 * Time to CRM from rollups. Deliveries are counted in fixed log-2 buckets by the database
 * (`ops_ttc_bucket` in migration 0040): bucket 0 holds deliveries of at most 1 s, bucket b those of
 * more than 2^(b-1) s and at most 2^b s, bucket 20 everything longer. Summing buckets over any range
 * gives a histogram from which percentiles follow, after the leads themselves are purged.
 */
export const LAST_TTC_BUCKET = 20;

/** Upper bound in seconds of bucket `bucket`. */
export const bucketUpperSeconds = (bucket: number): number => 2 ** Math.min(bucket, LAST_TTC_BUCKET);

/** What a range of rollups says about time to CRM. */
export interface TimeToCrmTotals {
  count: number;
  sumMs: number;
  maxMs: number;
  /** Deliveries per bucket index. */
  buckets: ReadonlyMap<number, number>;
}

export interface TimeToCrmSummary {
  count: number;
  meanSeconds: number | null;
  /** Upper bound of the bucket holding the percentile, never above the observed maximum. */
  p50Seconds: number | null;
  p95Seconds: number | null;
  maxSeconds: number | null;
}

/** The bucket upper bound (seconds, capped at the maximum) below which `share` of deliveries fall. */
export function percentileSeconds(totals: TimeToCrmTotals, share: number): number | null {
  const total = [...totals.buckets.values()].reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const wanted = Math.ceil(share * total);
  let seen = 0;
  for (const bucket of [...totals.buckets.keys()].sort((a, b) => a - b)) {
    seen += totals.buckets.get(bucket) ?? 0;
    if (seen >= wanted) return Math.min(bucketUpperSeconds(bucket), totals.maxMs / 1000);
  }
  return totals.maxMs / 1000;
}

/** p50, p95, mean and max in seconds (null when nothing was delivered). */
export function summarizeTimeToCrm(totals: TimeToCrmTotals): TimeToCrmSummary {
  const none = totals.count === 0;
  return {
    count: totals.count,
    meanSeconds: none ? null : totals.sumMs / totals.count / 1000,
    p50Seconds: percentileSeconds(totals, 0.5),
    p95Seconds: percentileSeconds(totals, 0.95),
    maxSeconds: none ? null : totals.maxMs / 1000,
  };
}
