import type { SqlClient } from '../db/sql-client.ts';
import { errorMessage, type DeliveryLog } from '../delivery/delivery-log.ts';
import type { RetryPolicy } from '../delivery/retry-policy.ts';
import { purgeUnconfirmedSql } from './confirm-sql.ts';
import { sendDueMails, type MailSummary, type MailWorkerDeps } from './mail-worker.ts';

/** The worker's mail settings: `MailEnvSchema`'s output, the transport (unset: no SMTP_URL) and the form texts. */
export type LeadMailOptions = Pick<MailWorkerDeps, 'env' | 'transport' | 'forms'>;

export interface LeadMailSummary extends MailSummary {
  /** Unconfirmed leads past LEADS_UNCONFIRMED_RETENTION_DAYS deleted by this run. */
  purgedUnconfirmed: number;
}

// Like the delivered-lead purge: a long backlog of them never eats a run's budget.
const purgeLimit = 500;

/**
 * The delivery worker's mail step, run before its drain and again after it (then with the purge of
 * unconfirmed leads past their retention, on the `leads_settled` index): the sums of both runs.
 */
export async function runLeadMails(
  deps: {
    db: SqlClient;
    now: () => number;
    random: () => number;
    log: DeliveryLog;
    retry: RetryPolicy;
    mail?: LeadMailOptions;
  },
  after?: { mailsBefore: LeadMailSummary; purgeUnconfirmedBefore: number },
): Promise<LeadMailSummary> {
  const sent = deps.mail ? await sendDueMails({ ...deps, ...deps.mail }) : { sent: 0, retried: 0, dead: 0 };
  let purgedUnconfirmed = 0;
  if (after) {
    purgedUnconfirmed = await deps.db
      .query(purgeUnconfirmedSql, [new Date(after.purgeUnconfirmedBefore), purgeLimit])
      .then((result) => result.rows.length)
      .catch((error: unknown) => {
        deps.log({ event: 'store.error', during: 'purging unconfirmed leads', error: errorMessage(error) });
        return 0;
      });
  }
  const before = after?.mailsBefore ?? { sent: 0, retried: 0, dead: 0, purgedUnconfirmed: 0 };
  return {
    sent: before.sent + sent.sent,
    retried: before.retried + sent.retried,
    dead: before.dead + sent.dead,
    purgedUnconfirmed,
  };
}

/**
 * Lead mails while a drain runs: sent at once, then every `everyMs` until stopped, so a visitor's
 * confirmation mail never waits for a long drain (a background drainer runs for minutes) to end.
 * `stop` waits for the pass in progress and returns the sums. Without mail settings it does nothing.
 */
export function startLeadMailLoop(
  deps: Parameters<typeof runLeadMails>[0],
  sleep: (ms: number) => Promise<void>,
  everyMs = 5_000,
): { stop(): Promise<LeadMailSummary> } {
  const total: LeadMailSummary = { sent: 0, retried: 0, dead: 0, purgedUnconfirmed: 0 };
  if (!deps.mail) return { stop: async () => total };
  let stopped = false;
  let wake = () => {};
  // Stopping twice (on error and after) waits for the same loop and returns the same sums.
  const loop = (async () => {
    while (!stopped) {
      const pass = await runLeadMails(deps);
      total.sent += pass.sent;
      total.retried += pass.retried;
      total.dead += pass.dead;
      if (stopped) break;
      await Promise.race([sleep(everyMs), new Promise<void>((done) => (wake = done))]);
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake();
      await loop;
      return total;
    },
  };
}
