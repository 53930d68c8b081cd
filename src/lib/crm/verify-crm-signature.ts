import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Verify a Floodgate CRM webhook on the receiving side. Self-contained (only `node:crypto`), so a
 * receiving app can copy this file as is. Pass the raw body exactly as received (before any JSON
 * parsing), and the `X-Floodgate-Timestamp` and `X-Floodgate-Signature` headers. Several secrets
 * may be given while one is being rotated. Example:
 *
 *   const body = await request.text();
 *   const check = verifyCrmSignature({
 *     secrets: [process.env.CRM_WEBHOOK_SECRET!],
 *     body,
 *     timestamp: request.headers.get('x-floodgate-timestamp'),
 *     signature: request.headers.get('x-floodgate-signature'),
 *   });
 *   if (!check.ok) return new Response(check.reason, { status: 401 });
 */
export function verifyCrmSignature(input: {
  secrets: readonly string[];
  body: string;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  /** Now, in ms since the epoch (default `Date.now()`). */
  now?: number;
  /** How old (or how far in the future) a timestamp may be; 5 minutes by default. */
  toleranceSeconds?: number;
}): { ok: true } | { ok: false; reason: string } {
  const { secrets, body, timestamp, signature } = input;
  const toleranceSeconds = input.toleranceSeconds ?? 300;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp))
    return { ok: false, reason: 'missing or malformed timestamp' };
  const ageSeconds = Math.abs((input.now ?? Date.now()) / 1000 - Number(timestamp));
  if (ageSeconds > toleranceSeconds)
    return { ok: false, reason: 'timestamp outside the tolerance (replay?)' };
  const sent = /^v1=([0-9a-f]{64})$/.exec(signature ?? '')?.[1];
  if (!sent) return { ok: false, reason: 'missing or malformed signature' };
  const sentBytes = Buffer.from(sent, 'hex');
  const matches = secrets.some((secret) => {
    const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest();
    return timingSafeEqual(expected, sentBytes);
  });
  return matches ? { ok: true } : { ok: false, reason: 'signature does not match' };
}
