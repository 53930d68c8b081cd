import { describe, expect, it } from 'vitest';
import { deadPurgeFinding } from '../../src/lib/ops/dead-purge-rule.ts';
import { addressesIn, addressHash } from '../../src/lib/privacy/address-hash.ts';
import { eventRetryMs } from '../../src/lib/privacy/erasure-events.ts';
import { normalizeAddress } from '../../src/lib/privacy/normalize-address.ts';
import { PrivacyArgsSchema } from '../../src/schemas/privacy-cli.ts';
import { PrivacyEnvSchema } from '../../src/schemas/privacy-env.ts';

describe('privacy rules', () => {
  it('normalises an address: trimmed, NFC, lower case', () => {
    expect(normalizeAddress('  Ada@Example.COM \n')).toBe('ada@example.com');
    // "é" as e + combining accent and as one code point compare equal once normalised.
    expect(normalizeAddress('Ame\u0301lie@example.com')).toBe(normalizeAddress('am\u00e9lie@example.com'));
  });

  it('finds every address a payload holds, in any field, once', () => {
    const payload = {
      fields: { email: 'Ada@example.com', workEmail: ' ada@example.com', firstName: 'Ada', n: 3 },
    };
    expect(addressesIn(payload)).toEqual(['ada@example.com']);
    expect(addressesIn({ fields: { backup: 'b@example.com', email: 'a@example.com' } })).toEqual([
      'b@example.com',
      'a@example.com',
    ]);
    expect(addressesIn({})).toEqual([]);
    expect(addressesIn(undefined)).toEqual([]);
  });

  it('hashes an address with the secret, never as itself', () => {
    const hash = addressHash('s'.repeat(32), 'Ada@Example.com');
    expect(hash).toBe(addressHash('s'.repeat(32), 'ada@example.com'));
    expect(hash).not.toBe(addressHash('t'.repeat(32), 'ada@example.com'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('parses --email, saying which flag is wrong and why', () => {
    expect(PrivacyArgsSchema.parse({ email: ' ADA@example.com ' })).toEqual({
      email: 'ada@example.com',
      yes: false,
    });
    const messages = (input: unknown) => {
      const parsed = PrivacyArgsSchema.safeParse(input);
      return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
    };
    expect(messages({})).toEqual(['--email <address> is required']);
    expect(messages({ email: 'ada' })).toEqual(['--email must be an e-mail address such as ada@example.com']);
  });

  it('requires PRIVACY_HASH_SECRET in production only, and defaults dead-letter retention to 30 days', () => {
    expect(PrivacyEnvSchema.safeParse({ CONTEXT: 'production' }).success).toBe(false);
    expect(PrivacyEnvSchema.parse({})).toMatchObject({
      LEADS_DEAD_RETENTION_DAYS: 30,
      LEADS_SPAM_RETENTION_DAYS: 30,
    });
    expect(PrivacyEnvSchema.safeParse({ LEADS_DEAD_RETENTION_DAYS: '0' }).success).toBe(false);
  });

  it('retries a lead.erased event after 30 s, doubling, at most hourly', () => {
    expect([1, 2, 3, 8, 20].map(eventRetryMs)).toEqual([30_000, 60_000, 120_000, 3_600_000, 3_600_000]);
  });

  it('fires dead-letters-nearing-purge only with dead letters due within the week', () => {
    expect(deadPurgeFinding(undefined).firing).toBe(false);
    expect(deadPurgeFinding({ count: 0, firstPurgeAt: undefined }).firing).toBe(false);
    const finding = deadPurgeFinding({ count: 2, firstPurgeAt: Date.UTC(2026, 11, 9) });
    expect(finding).toEqual({
      rule: 'dead-letters-nearing-purge',
      firing: true,
      summary:
        '2 dead letter(s) will be purged within 7 days, the first at 2026-12-09T00:00:00.000Z: redrive them (npm run leads:redrive) if they should still reach the CRM.',
    });
  });
});
