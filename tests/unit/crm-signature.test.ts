import { describe, expect, it } from 'vitest';
import { signCrmRequest } from '../../src/lib/crm/crm-signature.ts';
import { verifyCrmSignature } from '../../src/lib/crm/verify-crm-signature.ts';

const secret = 'a-shared-secret-of-at-least-32-characters';
const body = JSON.stringify({ id: 'lead-1', receivedAt: '2026-11-20T12:00:00.000Z', lead: { fields: {} } });
const now = Date.parse('2026-11-20T12:00:10Z');
const timestamp = String(Math.floor(now / 1000) - 10);
const signed = {
  secrets: [secret],
  body,
  timestamp,
  signature: signCrmRequest(secret, timestamp, body),
  now,
};

describe('CRM webhook signature', () => {
  it('is HMAC-SHA256 over "<timestamp>.<body>", hex, with a version prefix', () => {
    // Pinned (and checked with `openssl dgst -sha256 -hmac secret`) so a receiver in another
    // language can test its implementation against it.
    expect(signCrmRequest('secret', '1700000000', '{"id":"x"}')).toBe(
      'v1=2f7852138f9dbd8d61c07c2cfb0b8ac96a46a32d78d4527788fb42fcb409a493',
    );
  });

  it('verifies what was signed', () => {
    expect(verifyCrmSignature(signed)).toEqual({ ok: true });
  });

  it('rejects a wrong secret, a changed body and a changed timestamp', () => {
    expect(verifyCrmSignature({ ...signed, secrets: ['another-secret-of-at-least-32-chars!!'] })).toEqual({
      ok: false,
      reason: 'signature does not match',
    });
    expect(verifyCrmSignature({ ...signed, body: body.replace('lead-1', 'lead-2') }).ok).toBe(false);
    expect(verifyCrmSignature({ ...signed, timestamp: String(Number(timestamp) + 1) }).ok).toBe(false);
  });

  it('rejects an old timestamp (a replay) and one from the future, beyond five minutes', () => {
    const old = String(Math.floor(now / 1000) - 301);
    expect(
      verifyCrmSignature({ ...signed, timestamp: old, signature: signCrmRequest(secret, old, body) }),
    ).toEqual({
      ok: false,
      reason: 'timestamp outside the tolerance (replay?)',
    });
    const future = String(Math.floor(now / 1000) + 301);
    expect(
      verifyCrmSignature({ ...signed, timestamp: future, signature: signCrmRequest(secret, future, body) })
        .ok,
    ).toBe(false);
  });

  it('rejects missing or malformed headers without throwing', () => {
    for (const change of [
      { timestamp: null },
      { timestamp: '12:00' },
      { signature: undefined },
      { signature: 'sha256=abc' },
      { signature: `v1=${'z'.repeat(64)}` },
    ]) {
      expect(verifyCrmSignature({ ...signed, ...change }).ok, JSON.stringify(change)).toBe(false);
    }
  });

  it('accepts any of several secrets, for rotation', () => {
    expect(
      verifyCrmSignature({ ...signed, secrets: ['the-new-secret-of-at-least-32-chars!!', secret] }),
    ).toEqual({
      ok: true,
    });
  });
});
