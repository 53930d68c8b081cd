import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashClientIp } from '../../src/lib/leads/client-hash.ts';

describe('hashClientIp', () => {
  it('is the HMAC-SHA256 of the IP, never the IP', () => {
    const hash = hashClientIp('203.0.113.7', 'secret');
    expect(hash).toBe(createHmac('sha256', 'secret').update('203.0.113.7').digest('hex'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('203.0.113.7');
  });

  it('is stable per secret and differs across secrets', () => {
    expect(hashClientIp('2001:DB8::1', 'a')).toBe(hashClientIp('2001:db8::1', 'a'));
    expect(hashClientIp('203.0.113.7', 'a')).not.toBe(hashClientIp('203.0.113.7', 'b'));
  });
});
