import type { DeadNearingPurge } from '../privacy/retention.ts';
import { DEAD_PURGE_WARNING_DAYS } from '../../schemas/privacy-env.ts';

/**
 * `dead-letters-nearing-purge`: dead letters are deleted LEADS_DEAD_RETENTION_DAYS after they died
 * (their PII with them); a week before, operators hear it, so they can redrive what should still
 * reach the CRM.
 */
export function deadPurgeFinding(nearing: DeadNearingPurge | undefined) {
  const count = nearing?.count ?? 0;
  const first = nearing?.firstPurgeAt;
  return {
    rule: 'dead-letters-nearing-purge' as const,
    firing: count > 0,
    summary:
      count > 0 && first !== undefined
        ? `${count} dead letter(s) will be purged within ${DEAD_PURGE_WARNING_DAYS} days, the first at ${new Date(first).toISOString()}: redrive them (npm run leads:redrive) if they should still reach the CRM.`
        : `No dead letter is due for purge within ${DEAD_PURGE_WARNING_DAYS} days.`,
  };
}
