/**
 * Whether a call that ended with `status` is worth repeating, for every outgoing call the site
 * makes (CRM deliveries, Netlify build hooks). Retried: no answer at all (a network error or a
 * timeout), any 5xx, and the 4xx that mean "not now" rather than "never": 408 Request Timeout,
 * 409 Conflict (the receiver is still busy with a request for the same thing, e.g. the same
 * Idempotency-Key, or a build hook whose site is mid-deploy) and 429 Too Many Requests. Any other
 * 4xx, and 3xx, will not change by asking again.
 */
export function isRetryableOutcome(status: number | 'timeout' | 'network-error'): boolean {
  if (typeof status !== 'number') return true;
  return status >= 500 || status === 408 || status === 409 || status === 429;
}
