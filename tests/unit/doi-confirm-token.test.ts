import { describe, expect, it } from 'vitest';
import { signConfirmToken, verifyConfirmToken } from '../../src/lib/doi/confirm-token.ts';
import { confirmLink } from '../../src/lib/doi/confirm-paths.ts';

const secret = 'a-confirm-secret-of-at-least-32-characters';
const leadId = '0mxdn1xoh-93b02203af586fca5105';
const now = Date.parse('2026-12-07T12:00:00Z');
const day = 86_400_000;

describe('confirmation link tokens (injected clock)', () => {
  const token = signConfirmToken(secret, leadId, now + 7 * day);

  it('name the lead until they expire, and nothing after', () => {
    expect(verifyConfirmToken(secret, token, now)).toEqual({ ok: true, leadId, expiresAt: now + 7 * day });
    expect(verifyConfirmToken(secret, token, now + 7 * day - 1000)).toMatchObject({ ok: true, leadId });
    expect(verifyConfirmToken(secret, token, now + 7 * day)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse another secret, any changed character, and junk', () => {
    expect(verifyConfirmToken('another-secret-of-at-least-32-characters!', token, now)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    const [body = '', signature = ''] = token.split('.');
    const flipped = (text: string, at: number) =>
      text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    expect(verifyConfirmToken(secret, `${flipped(body, 3)}.${signature}`, now).ok).toBe(false);
    expect(verifyConfirmToken(secret, `${body}.${flipped(signature, 5)}`, now).ok).toBe(false);
    // A later expiry with the old signature is a forgery, not an extension.
    const later = Buffer.from(`${leadId}.${Math.floor((now + 30 * day) / 1000)}`).toString('base64url');
    expect(verifyConfirmToken(secret, `${later}.${signature}`, now)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    for (const junk of [undefined, 42, '', '.', 'a.b.c', 'x'.repeat(400), `${body}.`])
      expect(verifyConfirmToken(secret, junk, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('carry no personal data, and the link is the localized page with the token alone', () => {
    expect(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()).toBe(
      `${leadId}.${Math.floor((now + 7 * day) / 1000)}`,
    );
    const link = new URL(confirmLink('https://www.example.com', 'de-DE', token));
    expect(link.pathname).toBe('/de/anmeldung-bestaetigen/');
    expect([...link.searchParams.keys()]).toEqual(['token']);
    expect(new URL(confirmLink('https://www.example.com', 'en-US', token)).pathname).toBe('/confirm-signup/');
  });
});
