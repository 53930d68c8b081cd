import { createHmac } from 'node:crypto';

/** Header carrying the lead id; a receiver that already has it answers 2xx and does nothing. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Unix time in seconds when the request was signed; receivers reject old ones (replays). */
export const TIMESTAMP_HEADER = 'X-Floodgate-Timestamp';
/** `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`. */
export const SIGNATURE_HEADER = 'X-Floodgate-Signature';
/** Which try this is (1, 2, ...); informational, not signed. */
export const ATTEMPT_HEADER = 'X-Floodgate-Attempt';

/**
 * The signature of one request: HMAC-SHA256 with the shared secret over the timestamp, a dot and
 * the exact body bytes, hex, prefixed with the scheme version. See docs/crm-webhook.md.
 */
export function signCrmRequest(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
