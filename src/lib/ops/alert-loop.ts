import type { OpsEnv } from '../../schemas/ops-env.ts';
import { evaluateAlerts, type AlertEvaluatorOptions, type AlertOutcome } from './evaluate-alerts.ts';
import { opsLog } from './ops-log.ts';
import { purgeRollups } from './rollup-retention.ts';

export type AlertRoundOptions = Omit<AlertEvaluatorOptions, 'pacePerMinute'> & { env: OpsEnv };

/** One round, as the schedule runs it: evaluate every rule, then purge rollups past their retention. */
export async function runAlertRound(
  options: AlertRoundOptions,
): Promise<{ outcomes: AlertOutcome[]; purged: number }> {
  const now = options.now ?? Date.now;
  const { outcomes } = await evaluateAlerts({
    ...options,
    pacePerMinute: options.env.LEADS_DELIVERY_RATE * 60,
  });
  const purged = await purgeRollups(options.db, now(), options.env.OPS_ROLLUP_RETENTION_DAYS);
  return { outcomes, purged };
}

/**
 * The schedule's job for a local server (`npm start`): a round every ALERT_EVALUATE_SECONDS, the
 * next one starting only after the last finished. A failed round is logged and the loop goes on.
 */
export function startAlertLoop(options: AlertRoundOptions & { intervalMs?: number }): {
  stop(): Promise<void>;
} {
  const log = options.log ?? opsLog();
  const intervalMs = options.intervalMs ?? options.env.ALERT_EVALUATE_SECONDS * 1000;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const round = () => {
    running = runAlertRound({ ...options, log })
      .catch((error: unknown) =>
        log({ event: 'alert.round-failed', error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(round, intervalMs);
      });
  };
  timer = setTimeout(round, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
