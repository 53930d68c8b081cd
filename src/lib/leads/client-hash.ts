import { createHmac } from 'node:crypto';

/**
 * A keyed hash of the client IP: stable enough to rate-limit and spot abuse, useless for finding
 * the person without the secret. The IP itself is never stored (GDPR: it is personal data).
 */
export function hashClientIp(ip: string, secret: string): string {
  return createHmac('sha256', secret).update(ip.trim().toLowerCase()).digest('hex');
}
