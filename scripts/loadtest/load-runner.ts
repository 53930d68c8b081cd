import autocannon from 'autocannon';
import type { LoadTick } from './load-plan.ts';
import type { RequestSample } from './load-timeline.ts';
import type { Submission } from './lead-submissions.ts';

/** What the load generator sends, to where, and who hears about each answer. */
export interface LoadRunOptions {
  baseUrl: string;
  ticks: readonly LoadTick[];
  /** Landing page paths a visitor opens, e.g. `/winter-sale/` and `/de/winter-sale/`. */
  pagePaths: readonly string[];
  nextSubmission: () => Submission;
  /** Share of lead posts that resend an earlier submission (a double click, a network retry). */
  retryShare: number;
  random: () => number;
  onSample: (sample: RequestSample) => void;
  /** Every answer to a lead post, with the submission it answered. */
  onLeadAnswer: (submission: Submission, status: number, body: string) => void;
  /** Answers to page views that a function rather than the CDN produced (must stay 0). */
  onPageServedByFunction?: () => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Per-request timeout. */
  timeoutSeconds?: number;
}

// A connection per few requests of a tick, so a slow answer does not hold up the rest of the tick.
const connectionsFor = (requests: number) => Math.max(1, Math.min(requests, 32));
const recentLimit = 100;

/**
 * Send the schedule as an open workload: every tick starts its requests on time whether or not
 * the previous tick's have been answered, the way visitors arrive without waiting for each other.
 * Each tick is one small autocannon run; its `response` events give each request's latency.
 */
export async function runLoad(options: LoadRunOptions): Promise<void> {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const origin = new URL(options.baseUrl).origin;
  const startedAt = now();
  const recent: Submission[] = [];
  let pageIndex = 0;
  const running: Promise<unknown>[] = [];

  const fire = (stream: 'page' | 'lead', amount: number) => {
    const tickStart = now() - startedAt;
    const runOptions: autocannon.Options = {
      url: options.baseUrl,
      amount,
      connections: connectionsFor(amount),
      timeout: options.timeoutSeconds ?? 10,
      headers:
        stream === 'lead'
          ? { 'content-type': 'application/json', origin, 'user-agent': 'floodgate-loadtest' }
          : { 'user-agent': 'floodgate-loadtest' },
      requests: [stream === 'lead' ? leadRequest() : pageRequest()],
    };
    const finished = new Promise<void>((resolve, reject) => {
      // The callback form returns the instance, whose events carry each request's latency.
      const instance = autocannon(runOptions, (error: unknown) =>
        error ? reject(error instanceof Error ? error : new Error('autocannon failed')) : resolve(),
      );
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        const sentAtMs = Math.max(tickStart, now() - startedAt - responseTime);
        options.onSample({ stream, sentAtMs, latencyMs: responseTime, status: statusCode });
      });
      instance.on('reqError', () => {
        const latencyMs = now() - startedAt - tickStart;
        options.onSample({ stream, sentAtMs: tickStart, latencyMs, status: 'error' });
      });
    });
    running.push(finished);
  };

  const pageRequest = (): autocannon.Request => ({
    method: 'GET',
    setupRequest: (request) => {
      pageIndex = (pageIndex + 1) % options.pagePaths.length;
      return { ...request, path: options.pagePaths[pageIndex] };
    },
    onResponse: (_status, _body, _context, headers) => {
      if (headers?.['x-floodgate-served-by'] === 'function') options.onPageServedByFunction?.();
    },
  });

  const leadRequest = (): autocannon.Request => ({
    method: 'POST',
    path: '/api/leads',
    setupRequest: (request, context) => {
      const resend = recent.length > 0 && options.random() < options.retryShare;
      const submission = resend
        ? recent[Math.floor(options.random() * recent.length)]
        : options.nextSubmission();
      if (!resend) recent.push(submission);
      if (recent.length > recentLimit) recent.shift();
      (context as { submission?: Submission }).submission = submission;
      return { ...request, body: JSON.stringify(submission.body) };
    },
    onResponse: (status, body, context) => {
      const { submission } = context as { submission?: Submission };
      if (submission) options.onLeadAnswer(submission, status, body);
    },
  });

  for (const tick of options.ticks) {
    const wait = startedAt + tick.atMs - now();
    if (wait > 0) await sleep(wait);
    if (tick.pageViews > 0) fire('page', tick.pageViews);
    if (tick.leads > 0) fire('lead', tick.leads);
  }
  await Promise.all(running);
}

/**
 * Open every page and post one empty lead (answered 400) until five rounds in a row (a second or
 * more) answer quickly, so the first measured second is not a cold start: the local server is busy
 * for about 3 s after it starts (measured: ~1 s per page view, then ~6 ms), and a function instance
 * loads its form rules on first use.
 */
export async function warmUp(
  baseUrl: string,
  pagePaths: readonly string[],
  options: { quickMs?: number; maxMs?: number } = {},
): Promise<void> {
  const origin = new URL(baseUrl).origin;
  const round = async () => {
    const started = performance.now();
    const get = (path: string) => fetch(new URL(path, baseUrl)).then((response) => response.arrayBuffer());
    await Promise.all(pagePaths.map(get));
    await fetch(new URL('/api/leads', baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: '{}',
    }).then((response) => response.arrayBuffer());
    return performance.now() - started;
  };
  const deadline = performance.now() + (options.maxMs ?? 20_000);
  let quickRounds = 0;
  while (quickRounds < 5 && performance.now() < deadline) {
    quickRounds = (await round()) < (options.quickMs ?? 150) ? quickRounds + 1 : 0;
    if (quickRounds < 5) await new Promise((done) => setTimeout(done, 200));
  }
}
