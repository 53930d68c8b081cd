import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token in a confirmation link: the lead id and the link's expiry, signed with HMAC-SHA256
 * (`LEADS_CONFIRM_SECRET`). No personal data: the lead id is derived from the submission's key and
 * time, never from an address. Format: `<base64url of "<lead id>.<expiry, unix s>">.<signature>`.
 */
export type TokenCheck =
  { ok: true; leadId: string; expiresAt: number } | { ok: false; reason: 'invalid' | 'expired' };

// 128 bits of the HMAC: forging one is as hard as guessing a random 128-bit value.
const signatureBytes = 16;
const maxTokenLength = 300;

const signatureOf = (secret: string, body: string) =>
  createHmac('sha256', secret).update(`confirm-lead.v1.${body}`).digest().subarray(0, signatureBytes);

/** A link token for `leadId` valid until `expiresAt` (epoch ms; kept to the second). */
export function signConfirmToken(secret: string, leadId: string, expiresAt: number): string {
  const body = Buffer.from(`${leadId}.${Math.floor(expiresAt / 1000)}`).toString('base64url');
  return `${body}.${signatureOf(secret, body).toString('base64url')}`;
}

/** Whose lead a token names, if its signature holds and it has not expired at `now` (epoch ms). */
export function verifyConfirmToken(secret: string, token: unknown, now: number): TokenCheck {
  if (typeof token !== 'string' || token.length > maxTokenLength) return { ok: false, reason: 'invalid' };
  const [body = '', signature = '', ...rest] = token.split('.');
  if (rest.length > 0 || !/^[\w-]+$/.test(body) || !/^[\w-]+$/.test(signature))
    return { ok: false, reason: 'invalid' };
  const given = Buffer.from(signature, 'base64url');
  const expected = signatureOf(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'invalid' };
  const match = /^([\w-]{1,100})\.(\d{1,12})$/.exec(Buffer.from(body, 'base64url').toString('utf8'));
  if (!match) return { ok: false, reason: 'invalid' };
  const expiresAt = Number(match[2]) * 1000;
  if (now >= expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true, leadId: match[1] ?? '', expiresAt };
}
