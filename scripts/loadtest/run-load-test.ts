import type { LoadTestResult } from '../../src/schemas/campaign-capacity.ts';
import { auditLeads, type DeliveredLead, type LeadAudit, type StoredLead } from './lead-audit.ts';
import { createSubmissionFactory, type FormTarget, type Submission } from './lead-submissions.ts';
import { loadTicks, type LoadRates, type LoadShape } from './load-plan.ts';
import { runLoad, warmUp } from './load-runner.ts';
import {
  achievedLeadsPerSecond,
  buildTimeline,
  summarizeStream,
  type RequestSample,
  type TimelineSecond,
} from './load-timeline.ts';

/** The queue as seen from outside, once a second. */
export interface QueuePoint {
  second: number;
  depth: number;
  /** Leads the CRM holds, when it can be read. */
  delivered: number | undefined;
}

/** One progress report per second, for the live line in the terminal. */
export interface LoadProgress {
  phase: 'load' | 'drain';
  second: number;
  sent: { page: number; lead: number };
  accepted: number;
  errors: number;
  queue: QueuePoint | undefined;
}

export interface LoadTestOptions {
  baseUrl: string;
  /** `local` for the in-process server, otherwise the origin under test. */
  target: string;
  pagePaths: string[];
  forms: FormTarget[];
  rates: LoadRates;
  shape: LoadShape;
  campaignKey: string | undefined;
  runId: string;
  retryShare: number;
  /** The lead queue's depth and the CRM's count, sampled each second; omit when they cannot be read. */
  probe?: { depth(): Promise<number>; delivered?(): number };
  /** Where the audit looks; omit to skip the audit (a deployed site without Blobs access). */
  audit?: {
    readLead(idempotencyKey: string): Promise<StoredLead | undefined>;
    readSpam(idempotencyKey: string): Promise<StoredLead | undefined>;
    delivered(): DeliveredLead[] | undefined;
  };
  /** Per-request timeout (default 10 s): an unanswered request then counts as `error`. */
  requestTimeoutSeconds?: number;
  /** After the load, wait up to this long for the worker to empty the queue (0: do not wait). */
  drainTimeoutMs: number;
  random: () => number;
  uuid: () => string;
  /** Epoch ms. */
  now: () => number;
  onProgress?: (progress: LoadProgress) => void;
}

export interface LoadTestOutcome {
  result: LoadTestResult;
  timeline: TimelineSecond[];
  queue: QueuePoint[];
  audit: LeadAudit | undefined;
  /** Page views a function answered instead of the CDN (must be 0: pages are static). */
  pageViewsServedByFunction: number;
  /** Seconds from the end of the load until the queue was empty, if it emptied. */
  drainSeconds: number | undefined;
}

/**
 * Replay a campaign's traffic against a server, watch the queue, wait for the worker to drain it,
 * then account for every accepted lead. The caller owns the server, the worker and the CRM.
 */
export async function runLoadTest(options: LoadTestOptions): Promise<LoadTestOutcome> {
  await warmUp(options.baseUrl, options.pagePaths);
  const startedAt = options.now();
  const elapsedSecond = () => Math.floor((options.now() - startedAt) / 1000);
  const samples: RequestSample[] = [];
  const answers = new Map<string, { submission: Submission; ids: Set<string> }>();
  const queue: QueuePoint[] = [];
  let servedByFunction = 0;
  let phase: LoadProgress['phase'] = 'load';

  // The local Blobs server's listing silently drops keys when a file is deleted mid-listing (its
  // walk stats each entry and gives up on ENOENT), so one read can undercount a queue the worker is
  // draining. Every read is a lower bound: take the larger of two.
  const depth = async () => {
    const first = await options.probe!.depth();
    return Math.max(first, await options.probe!.depth());
  };
  const sampleQueue = async () => {
    if (!options.probe) return undefined;
    const point = {
      second: elapsedSecond(),
      depth: await depth(),
      delivered: options.probe.delivered?.(),
    };
    queue.push(point);
    return point;
  };
  let sampling = false;
  const tick = setInterval(() => {
    if (sampling) return;
    sampling = true;
    void sampleQueue()
      .catch(() => undefined)
      .then((point) => {
        const lead = samples.filter((sample) => sample.stream === 'lead');
        options.onProgress?.({
          phase,
          second: elapsedSecond(),
          sent: { page: samples.length - lead.length, lead: lead.length },
          accepted: lead.filter((sample) => sample.status === 202).length,
          errors: samples.filter((sample) => sample.status === 'error' || sample.status >= 400).length,
          queue: point,
        });
      })
      .finally(() => (sampling = false));
  }, 1000);

  const ticks = loadTicks(options.rates, options.shape);
  try {
    await runLoad({
      baseUrl: options.baseUrl,
      ticks,
      pagePaths: options.pagePaths,
      nextSubmission: createSubmissionFactory({
        forms: options.forms,
        runId: options.runId,
        campaignKey: options.campaignKey,
        random: options.random,
        uuid: options.uuid,
        now: options.now,
      }),
      retryShare: options.retryShare,
      random: options.random,
      timeoutSeconds: options.requestTimeoutSeconds,
      onSample: (sample) => samples.push(sample),
      onLeadAnswer: (submission, status, body) => {
        const entry = answers.get(submission.idempotencyKey) ?? { submission, ids: new Set<string>() };
        answers.set(submission.idempotencyKey, entry);
        if (status === 202) entry.ids.add(idOf(body));
      },
      onPageServedByFunction: () => (servedByFunction += 1),
    });
    phase = 'drain';
    const loadEnded = options.now();
    let drainSeconds: number | undefined;
    if (options.probe && options.drainTimeoutMs > 0) {
      // Empty means empty three times in a row, for the same reason as above.
      let emptyReads = 0;
      while (options.now() - loadEnded < options.drainTimeoutMs && emptyReads < 3) {
        emptyReads = (await depth()) === 0 ? emptyReads + 1 : 0;
        if (emptyReads === 1) drainSeconds = (options.now() - loadEnded) / 1000;
        if (emptyReads < 3) await new Promise((done) => setTimeout(done, 250));
      }
      if (emptyReads < 3) drainSeconds = undefined;
    }
    clearInterval(tick);
    await sampleQueue().catch(() => undefined);

    const audit = options.audit
      ? await auditLeads(
          [...answers.values()].map(({ submission, ids }) => ({
            idempotencyKey: submission.idempotencyKey,
            email: submission.email,
            ids: [...ids],
          })),
          { ...options.audit, delivered: options.audit.delivered() },
        )
      : undefined;
    const timeline = buildTimeline(samples);
    const pages = summarizeStream(samples, 'page');
    const leads = summarizeStream(samples, 'lead');
    const result: LoadTestResult = {
      measuredAt: new Date(startedAt).toISOString(),
      ...(options.campaignKey ? { campaign: options.campaignKey } : {}),
      target: options.target,
      plan: { ...options.rates, ...options.shape },
      pageViews: { sent: pages.sent, ok: pages.ok, latency: pages.latency },
      leads: { sent: leads.sent, accepted: leads.ok, latency: leads.latency, byStatus: leads.byStatus },
      achievedLeadsPerSecond: achievedLeadsPerSecond(timeline),
      ...(audit ? { audit: pickAudit(audit) } : {}),
    };
    return { result, timeline, queue, audit, pageViewsServedByFunction: servedByFunction, drainSeconds };
  } finally {
    clearInterval(tick);
  }
}

function idOf(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    const id = parsed && typeof parsed === 'object' ? (parsed as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? id : '(202 without an id)';
  } catch {
    return '(202 without JSON)';
  }
}

const pickAudit = ({ examples: _examples, ...counts }: LeadAudit) => counts;
