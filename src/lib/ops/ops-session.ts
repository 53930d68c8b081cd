import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The session cookie's name. */
export const OPS_COOKIE = 'floodgate_ops';

// The signing key is derived from the token, so rotating OPS_TOKEN ends every session at once.
const sessionKey = (token: string) => createHmac('sha256', token).update('floodgate ops session v1').digest();
const mac = (token: string, expires: number) =>
  createHmac('sha256', sessionKey(token)).update(`ops.${expires}`).digest('hex');

const sameText = (a: string, b: string) => {
  // Hashing first gives equal lengths, so the comparison's time says nothing about either.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
};

/** Whether `given` is the operator token, compared in constant time. */
export const isOpsToken = (token: string, given: string | null | undefined): boolean =>
  typeof given === 'string' && sameText(token, given);

/** The cookie value for a session ending at `expires` (ms): `<expires>.<hex HMAC>`. */
export const sessionValue = (token: string, expires: number): string => `${expires}.${mac(token, expires)}`;

/** A `Set-Cookie` header for a new session: signed, HttpOnly, Secure, SameSite=Strict, with its expiry. */
export function sessionCookie(token: string, now: number, hours: number): string {
  const expires = now + Math.round(hours * 3_600_000);
  const maxAge = Math.round((expires - now) / 1000);
  return `${OPS_COOKIE}=${sessionValue(token, expires)}; Path=/; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Strict`;
}

/** The header that ends a session. */
export const clearedSessionCookie = `${OPS_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict`;

/** Whether the cookie header carries a session signed with `token` that has not expired at `now`. */
export function hasValidSession(token: string, cookieHeader: string | null, now: number): boolean {
  const value = cookieHeader
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${OPS_COOKIE}=`))
    ?.slice(OPS_COOKIE.length + 1);
  const match = value ? /^(\d{1,15})\.([0-9a-f]{64})$/.exec(value) : null;
  if (!match) return false;
  const expires = Number(match[1]);
  return expires > now && sameText(mac(token, expires), match[2] ?? '');
}

/** Whether a request may see the figures: a valid session cookie or `Authorization: Bearer <OPS_TOKEN>`. */
export function isOpsRequest(token: string, request: Request, now: number): boolean {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (bearer !== undefined) return isOpsToken(token, bearer);
  return hasValidSession(token, request.headers.get('cookie'), now);
}
