/**
 * Where delivered leads go: the CRM or the team's core application. The worker only knows this
 * port; `signed-webhook-sink.ts` is the adapter that speaks HTTP.
 */

/** One lead as the sink receives it. The lead id doubles as the idempotency key. */
export interface CrmDelivery {
  id: string;
  receivedAt: number;
  /** 1 for the first try; sent as a header so the receiver can tell retries apart in its logs. */
  attempt: number;
  payload: Record<string, unknown>;
  /** Double opt-in: when the visitor clicked the confirmation link. */
  confirmedAt?: number;
  /** Released from spam by a reviewer. */
  releasedFromSpam?: boolean;
}

/** How a delivery went. A sink never throws: every failure is an outcome the retry policy can judge. */
export type CrmOutcome =
  | { ok: true; status: number }
  | {
      ok: false;
      status: number | 'timeout' | 'network-error';
      /** From a `Retry-After` header on the answer, if any. */
      retryAfterMs?: number;
      /** For dead letters and operators: may quote the CRM's answer, so it never goes to logs. */
      detail: string;
    };

export interface CrmSink {
  deliver(lead: CrmDelivery): Promise<CrmOutcome>;
}
