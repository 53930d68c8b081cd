/** The two kinds of request a campaign makes. */
export type Stream = 'page' | 'lead';

/** One request as the load generator saw it. */
export interface RequestSample {
  stream: Stream;
  /** Ms after the test started that the request was sent. */
  sentAtMs: number;
  latencyMs: number;
  /** The HTTP status, or `error` for a timeout or a broken connection. */
  status: number | 'error';
}

export interface Latency {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** One second of the test. */
export interface TimelineSecond {
  second: number;
  sent: Record<Stream, number>;
  /** Page views answered 2xx/3xx; leads answered 202. */
  ok: Record<Stream, number>;
  latency: Record<Stream, Latency | undefined>;
  /** Answers that are not successes, by status (`error` for no answer), both streams together. */
  errors: Record<string, number>;
  /** Seconds with a 5xx or no answer: the endpoint was failing, not just busy. */
  failing: boolean;
}

/** Nearest-rank percentile of ascending `sorted` values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function latencyOf(latencies: readonly number[]): Latency | undefined {
  if (latencies.length === 0) return undefined;
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
  };
}

/** Whether an answer counts as success: a page that loaded, a lead that was accepted. */
const isSuccess = (sample: Pick<RequestSample, 'stream' | 'status'>): boolean =>
  sample.status !== 'error' &&
  (sample.stream === 'lead' ? sample.status === 202 : sample.status >= 200 && sample.status < 400);

/** Per-second throughput, latency and errors, by when each request was sent. */
export function buildTimeline(samples: readonly RequestSample[]): TimelineSecond[] {
  const last = samples.reduce((max, sample) => Math.max(max, Math.floor(sample.sentAtMs / 1000)), -1);
  const buckets = Array.from({ length: last + 1 }, () => [] as RequestSample[]);
  for (const sample of samples) buckets[Math.max(0, Math.floor(sample.sentAtMs / 1000))].push(sample);
  return buckets.map((bucket, second) => {
    const of = (stream: Stream) => bucket.filter((sample) => sample.stream === stream);
    const errors: Record<string, number> = {};
    for (const sample of bucket) {
      if (!isSuccess(sample)) errors[String(sample.status)] = (errors[String(sample.status)] ?? 0) + 1;
    }
    return {
      second,
      sent: { page: of('page').length, lead: of('lead').length },
      ok: { page: of('page').filter(isSuccess).length, lead: of('lead').filter(isSuccess).length },
      latency: {
        page: latencyOf(of('page').map((sample) => sample.latencyMs)),
        lead: latencyOf(of('lead').map((sample) => sample.latencyMs)),
      },
      errors,
      failing: bucket.some((sample) => sample.status === 'error' || sample.status >= 500),
    };
  });
}

/** Totals of one stream over the whole test. */
export interface StreamSummary {
  sent: number;
  ok: number;
  byStatus: Record<string, number>;
  latency: Latency;
  /** Requests per second over the seconds the stream was sending. */
  requestsPerSecond: number;
}

export function summarizeStream(samples: readonly RequestSample[], stream: Stream): StreamSummary {
  const own = samples.filter((sample) => sample.stream === stream);
  const byStatus: Record<string, number> = {};
  for (const sample of own) byStatus[String(sample.status)] = (byStatus[String(sample.status)] ?? 0) + 1;
  const first = Math.min(...own.map((sample) => sample.sentAtMs));
  const last = Math.max(...own.map((sample) => sample.sentAtMs));
  const seconds = own.length > 0 ? Math.max(1, (last - first) / 1000) : 1;
  return {
    sent: own.length,
    ok: own.filter(isSuccess).length,
    byStatus,
    latency: latencyOf(own.map((sample) => sample.latencyMs)) ?? { p50Ms: 0, p95Ms: 0, p99Ms: 0 },
    requestsPerSecond: Math.round((own.length / seconds) * 100) / 100,
  };
}

/** Lead p95 above this means visitors wait: the endpoint is saturated, whatever it still accepts. */
export const HEALTHY_LEAD_P95_MS = 1000;

/**
 * The highest one-second rate of accepted leads in a healthy second: no 5xx, no failed request,
 * and lead posts answered within `HEALTHY_LEAD_P95_MS` at the 95th percentile.
 */
export function achievedLeadsPerSecond(timeline: readonly TimelineSecond[]): number {
  return timeline.reduce((max, second) => {
    const healthy = !second.failing && (second.latency.lead?.p95Ms ?? 0) <= HEALTHY_LEAD_P95_MS;
    return healthy ? Math.max(max, second.ok.lead) : max;
  }, 0);
}
