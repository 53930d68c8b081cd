import type { OpsEnv } from '../../schemas/ops-env.ts';
import type { SqlClient } from '../db/sql-client.ts';
import { alertMessage } from './alert-message.ts';
import { evaluateRules, type AlertFinding } from './alert-rules.ts';
import { readAlertStates, recordSend, transitionAlert, type AlertTransition } from './alert-state.ts';
import { sendAlert } from './alert-webhook.ts';
import type { LaunchFacts } from './launch-facts.ts';
import { evaluateLaunchRules } from './launch-rules.ts';
import { opsLog, type OpsLog } from './ops-log.ts';
import { readOpsMetrics } from './read-metrics.ts';
import { deadNearingPurge as readDeadNearingPurge } from '../privacy/retention.ts';

/** What one evaluation needs; all but `db`, `env` and `pacePerMinute` have real defaults. */
export interface AlertEvaluatorOptions {
  db: SqlClient;
  env: OpsEnv;
  /** The configured delivery pace (LEADS_DELIVERY_RATE × 60), for the figures. */
  pacePerMinute: number;
  /** The site's URL for the link to /ops/ (default `URL`). */
  siteUrl?: string;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  log?: OpsLog;
  /** Forecast, rebuilds, outbox and content report (src/lib/ops/launch-facts.ts); without it those rules rest. */
  launchFacts?: (now: number) => Promise<LaunchFacts>;
}

export interface AlertOutcome {
  rule: string;
  transition: AlertTransition;
  /** Why the message could not be sent (after retries), or that no webhook is configured. */
  error?: string;
}

/**
 * One evaluation: read the figures (rollups and queue indexes), judge every rule, make each
 * transition by one guarded statement, and send a signed message for each transition this
 * evaluator won. Concurrent evaluators (two schedules overlapping, `npm start` beside a deploy)
 * never send the same message twice.
 */
export async function evaluateAlerts(
  options: AlertEvaluatorOptions,
): Promise<{ findings: AlertFinding[]; outcomes: AlertOutcome[] }> {
  const { db, env } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? opsLog();
  const time = now();
  const metrics = await readOpsMetrics(db, { now: time, pacePerMinute: options.pacePerMinute });
  // A launch source that fails costs its own rules this round (they neither fire nor resolve), never the queue's.
  const launch = options.launchFacts
    ? await options.launchFacts(time).then(
        (facts) => evaluateLaunchRules(facts, env, { ...metrics, now: time }),
        (error: unknown) => {
          log({
            event: 'alert.launch-facts-failed',
            error: error instanceof Error ? error.message : String(error),
          });
          return [];
        },
      )
    : [];
  const deadNearingPurge = await readDeadNearingPurge(db, time, env.LEADS_DEAD_RETENTION_DAYS);
  const findings = [...evaluateRules({ ...metrics, deadNearingPurge }, env), ...launch];
  const stored = new Map((await readAlertStates(db)).map((row) => [row.rule, row]));
  const reminderMs = env.ALERT_REMINDER_MINUTES * 60_000;
  const outcomes: AlertOutcome[] = [];
  for (const finding of findings) {
    const transition = await transitionAlert(db, finding, stored.get(finding.rule), time, reminderMs);
    if (!transition) continue;
    const error = await deliver(options, finding, transition, metrics, time);
    if (env.ALERT_WEBHOOK_URL) await recordSend(db, finding.rule, error, now());
    log({
      event: 'alert.' + transition,
      rule: finding.rule,
      summary: finding.summary,
      ...(error ? { error } : {}),
    });
    outcomes.push({ rule: finding.rule, transition, ...(error ? { error } : {}) });
  }
  return { findings, outcomes };
}

async function deliver(
  options: AlertEvaluatorOptions,
  finding: AlertFinding,
  transition: AlertTransition,
  metrics: Awaited<ReturnType<typeof readOpsMetrics>>,
  at: number,
): Promise<string | undefined> {
  const { env } = options;
  if (!env.ALERT_WEBHOOK_URL || !env.ALERT_WEBHOOK_SECRET) return 'ALERT_WEBHOOK_URL is not set: not sent';
  const site = options.siteUrl ?? env.URL ?? 'http://localhost:8888';
  const message = alertMessage({
    finding,
    transition,
    at,
    opsUrl: new URL('/ops/', site).href,
    figures: {
      depth: metrics.depth,
      oldestQueuedSeconds: metrics.oldestQueuedSeconds,
      deadLetters: metrics.deadLetters,
      breaker: metrics.breaker.state,
      clearsBy: metrics.clearsBy,
    },
  });
  return sendAlert(
    {
      url: env.ALERT_WEBHOOK_URL,
      secret: env.ALERT_WEBHOOK_SECRET,
      fetch: options.fetch ?? globalThis.fetch,
      now: options.now ?? Date.now,
      sleep: options.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms))),
    },
    message,
  );
}
