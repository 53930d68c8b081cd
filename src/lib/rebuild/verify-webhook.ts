import { verifyRequest } from '@contentful/node-apps-toolkit';

/** The secret, how old a signature may be, and the time to judge it at. */
export interface VerifyOptions {
  secret: string;
  maxAgeMs: number;
  now: number;
}

/** Verified (and when Contentful signed it), or which header failed and why. */
export type VerifyResult = { ok: true; signedAt: number } | { ok: false; field: string; message: string };

const SIGNATURE = 'x-contentful-signature';
const TIMESTAMP = 'x-contentful-timestamp';
const SIGNED_HEADERS = 'x-contentful-signed-headers';

const refuse = (field: string, message: string): VerifyResult => ({ ok: false, field, message });

/**
 * Check a webhook against Contentful's request signature with Contentful's own `verifyRequest`,
 * which rebuilds the canonical request (method, path with query, the headers listed in
 * `x-contentful-signed-headers`, the raw body) and compares HMAC-SHA256 signatures in constant time.
 * https://www.contentful.com/developers/docs/webhooks/request-verification/
 *
 * Its own TTL check is switched off (TTL 0) and done here instead: it reads `Date.now()`, which
 * tests cannot control, and lets a timestamp from the future through. The timestamp is one of the
 * signed headers, so a replay cannot refresh it without breaking the signature.
 */
export function verifyContentfulWebhook(
  request: { method: string; url: string; headers: Headers },
  body: string,
  options: VerifyOptions,
): VerifyResult {
  const signature = request.headers.get(SIGNATURE);
  if (!signature)
    return refuse(SIGNATURE, 'is missing: turn on request verification for the webhook in Contentful');
  if (!request.headers.get(SIGNED_HEADERS)) return refuse(SIGNED_HEADERS, 'is missing');
  const signedAt = Number(request.headers.get(TIMESTAMP));
  if (!Number.isSafeInteger(signedAt) || signedAt <= 0) return refuse(TIMESTAMP, 'is missing or not a time');
  if (request.method !== 'POST') return refuse('method', 'must be POST');

  const url = new URL(request.url);
  const canonical = {
    method: 'POST' as const,
    path: `${url.pathname}${url.search}`,
    headers: Object.fromEntries(request.headers),
    body,
  };
  let verified: boolean;
  try {
    verified = verifyRequest(options.secret, canonical, 0);
  } catch {
    // The toolkit throws on malformed metadata (a signature that is not 64 hex characters, …).
    verified = false;
  }
  if (!verified) {
    return refuse(
      SIGNATURE,
      'does not match the request: wrong secret, or the path, a signed header or the body changed',
    );
  }
  const ageMs = options.now - signedAt;
  const limit = `requests signed more than ${Math.round(options.maxAgeMs / 1000)} s`;
  if (ageMs > options.maxAgeMs)
    return refuse(TIMESTAMP, `is ${Math.round(ageMs / 1000)} s old; ${limit} ago are refused`);
  if (-ageMs > options.maxAgeMs) return refuse(TIMESTAMP, `is in the future; ${limit} ahead are refused`);
  return { ok: true, signedAt };
}
