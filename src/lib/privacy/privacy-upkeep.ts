import { errorMessage } from '../delivery/delivery-log.ts';
import type { SqlClient } from '../db/sql-client.ts';
import { sendErasureEvents, type ErasureEventDeps } from './erasure-events.ts';
import { purgePersonalData, type RetentionDays } from './retention.ts';

/**
 * What the delivery worker and the safety net do for privacy on every run: send due `lead.erased`
 * events (when a CRM is configured) and purge dead letters and spam past retention. A failure is
 * logged and left for the next run; it never stops delivery.
 */
export async function privacyUpkeep(
  deps: Omit<ErasureEventDeps, 'url'> & { url: string | undefined; db: SqlClient; days: RetentionDays },
): Promise<PrivacyUpkeep> {
  const { url } = deps;
  const events = url
    ? await sendErasureEvents({ ...deps, url }).catch((error: unknown) => {
        deps.log({ event: 'store.error', during: 'sending lead.erased events', error: errorMessage(error) });
        return { sent: 0, failed: 0 };
      })
    : { sent: 0, failed: 0 };
  const purged = await purgePersonalData(deps.db, deps.now(), deps.days).catch((error: unknown) => {
    deps.log({ event: 'store.error', during: 'purging dead letters and spam', error: errorMessage(error) });
    return { dead: 0, spam: 0 };
  });
  return { events, purged };
}

/** What one upkeep did: events sent or failed, rows purged. */
export interface PrivacyUpkeep {
  events: { sent: number; failed: number };
  purged: { dead: number; spam: number };
}
