/** The thresholds the readiness verdict applies; each is explained in docs/campaigns.md. */
export interface ReadinessPolicy {
  /**
   * Measured capacity must be at least this multiple of the expected peak lead rate for a `go`.
   * 2× because audience estimates are often off by that much, and the capacity was measured on
   * one machine rather than under the production platform's own limits.
   */
  headroom: number;
  /** Longest acceptable wait between a lead's 202 and the CRM (sales follow-up expectations). */
  maxLeadDelayMinutes: number;
  /** A launch this close with no readiness run is at risk. */
  launchWarningHours: number;
  /** A load test older than this no longer counts as a readiness run. */
  readinessRunMaxAgeDays: number;
  /** A capacity measurement older than this is stale (code and platform move on). */
  capacityMaxAgeDays: number;
}

export const defaultReadinessPolicy: ReadinessPolicy = {
  headroom: 2,
  maxLeadDelayMinutes: 60,
  launchWarningHours: 48,
  readinessRunMaxAgeDays: 7,
  capacityMaxAgeDays: 30,
};
