import { describe, expect, it } from 'vitest';
import { isAllowedOrigin, type OriginPolicy } from '../../src/lib/leads/origin-check.ts';

const site: OriginPolicy = { siteUrl: 'https://www.example.com', allowedOrigins: ['https://promo.example'] };

const post = (headers: Record<string, string>, url = 'https://www.example.com/api/leads') =>
  new Request(url, { method: 'POST', headers });

describe('isAllowedOrigin', () => {
  it('allows the site and configured origins', () => {
    expect(isAllowedOrigin(post({ Origin: 'https://www.example.com' }), site)).toBe(true);
    expect(isAllowedOrigin(post({ Origin: 'https://promo.example' }), site)).toBe(true);
  });

  it('never trusts the request’s own URL, which a forged Host header decides', () => {
    const forged = 'https://evil.example';
    expect(isAllowedOrigin(post({ Origin: forged }, `${forged}/api/leads`), site)).toBe(false);
  });

  it('refuses other sites, look-alikes, "null" and posts with no origin at all', () => {
    expect(isAllowedOrigin(post({ Origin: 'https://evil.example' }), site)).toBe(false);
    expect(isAllowedOrigin(post({ Origin: 'https://www.example.com.evil.example' }), site)).toBe(false);
    expect(isAllowedOrigin(post({ Origin: 'http://www.example.com' }), site)).toBe(false);
    expect(isAllowedOrigin(post({ Origin: 'null' }), site)).toBe(false);
    expect(isAllowedOrigin(post({}), site)).toBe(false);
  });

  it('falls back to the Referer when Origin is absent', () => {
    expect(isAllowedOrigin(post({ Referer: 'https://www.example.com/spring/?utm_source=x' }), site)).toBe(
      true,
    );
    expect(isAllowedOrigin(post({ Referer: 'https://evil.example/' }), site)).toBe(false);
    expect(isAllowedOrigin(post({ Referer: 'not a url' }), site)).toBe(false);
  });

  it('allows any loopback origin when the site itself is on loopback', () => {
    const local = { siteUrl: 'http://localhost:8888', allowedOrigins: [] };
    const url = 'http://localhost:8888/api/leads';
    expect(isAllowedOrigin(post({ Origin: 'http://127.0.0.1:4321' }, url), local)).toBe(true);
    expect(isAllowedOrigin(post({ Origin: 'http://localhost:3000' }, url), local)).toBe(true);
    expect(isAllowedOrigin(post({ Origin: 'http://localhost:3000' }), site)).toBe(false);
  });
});
