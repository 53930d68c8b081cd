import { describe, expect, it } from 'vitest';
import { hasValidSession, isOpsRequest, sessionCookie, sessionValue } from '../../src/lib/ops/ops-session.ts';

const token = 'ops-token-for-tests-0123456789abcdef';
const now = Date.UTC(2026, 11, 7, 14, 0, 0);
const cookieHeader = (value: string) => `theme=dark; floodgate_ops=${value}`;

describe('ops sessions', () => {
  it('a signed cookie is valid until it expires, then not', () => {
    const value = sessionValue(token, now + 1_000);
    expect(hasValidSession(token, cookieHeader(value), now)).toBe(true);
    expect(hasValidSession(token, cookieHeader(value), now + 1_000)).toBe(false);
  });

  it('a changed expiry, a signature from another token, or garbage is refused', () => {
    const value = sessionValue(token, now + 1_000);
    const [, mac] = value.split('.');
    expect(hasValidSession(token, cookieHeader(`${now + 9_999_999}.${mac}`), now)).toBe(false);
    expect(
      hasValidSession(
        token,
        cookieHeader(sessionValue('another-token-another-token-1234', now + 1_000)),
        now,
      ),
    ).toBe(false);
    expect(hasValidSession(token, cookieHeader('x'), now)).toBe(false);
    expect(hasValidSession(token, null, now)).toBe(false);
  });

  it('the cookie is HttpOnly, Secure, SameSite=Strict with its lifetime', () => {
    expect(sessionCookie(token, now, 12)).toMatch(
      /; Path=\/; Max-Age=43200; HttpOnly; Secure; SameSite=Strict$/,
    );
  });

  it('a bearer token is checked as given, and a wrong one is not rescued by a valid cookie', () => {
    const request = (headers: Record<string, string>) =>
      new Request('https://site.example/ops/', { headers });
    expect(isOpsRequest(token, request({ authorization: `Bearer ${token}` }), now)).toBe(true);
    const cookie = cookieHeader(sessionValue(token, now + 1_000));
    expect(isOpsRequest(token, request({ authorization: 'Bearer wrong', cookie }), now)).toBe(false);
    expect(isOpsRequest(token, request({ cookie }), now)).toBe(true);
  });
});
