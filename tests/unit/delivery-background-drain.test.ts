import { describe, expect, it } from 'vitest';
import { isDrainerRequest } from '../../src/lib/delivery/background-drain.ts';
import { backgroundToken } from '../../src/lib/netlify/background-trigger.ts';
import { deliveryDutyCycle } from '../../src/schemas/delivery-env.ts';
import { functionSiteUrl } from '../../src/schemas/function-site-env.ts';

describe('isDrainerRequest', () => {
  const post = (authorization?: string) =>
    new Request('https://site.example/.netlify/functions/deliver-leads-background', {
      method: 'POST',
      headers: authorization ? { authorization } : {},
    });

  it('accepts only the token derived from the CRM secret for this purpose', () => {
    const secret = 's'.repeat(32);
    expect(
      isDrainerRequest(post(`Bearer ${backgroundToken(secret, 'drain leads in the background')}`), secret),
    ).toBe(true);
    expect(isDrainerRequest(post(`Bearer ${backgroundToken(secret, 'close rebuild windows')}`), secret)).toBe(
      false,
    );
    expect(
      isDrainerRequest(
        post(`Bearer ${backgroundToken('x'.repeat(32), 'drain leads in the background')}`),
        secret,
      ),
    ).toBe(false);
    expect(isDrainerRequest(post(), secret)).toBe(false);
  });
});

describe('functionSiteUrl', () => {
  it('prefers this deploy’s own URL (its own database branch), then the site’s, then SITE_URL locally', () => {
    const all = {
      DEPLOY_URL: 'https://abc--site.netlify.app',
      URL: 'https://site.example',
      SITE_URL: 'http://127.0.0.1:8888',
    };
    expect(functionSiteUrl(all)).toBe('https://abc--site.netlify.app');
    expect(functionSiteUrl({ ...all, DEPLOY_URL: undefined })).toBe('https://site.example');
    expect(functionSiteUrl({ SITE_URL: 'http://127.0.0.1:8888' })).toBe('http://127.0.0.1:8888');
    expect(functionSiteUrl({})).toBeUndefined();
  });
});

describe('deliveryDutyCycle', () => {
  it('is the scheduled budget per 10 minutes without the drainer, and near 1 with drainers handing over', () => {
    expect(
      deliveryDutyCycle({ LEADS_DELIVERY_TIME_BUDGET_MS: 18_000, LEADS_DELIVERY_CONTINUOUS: false }),
    ).toBeCloseTo(0.03);
    expect(
      deliveryDutyCycle({ LEADS_DELIVERY_TIME_BUDGET_MS: 18_000, LEADS_DELIVERY_CONTINUOUS: true }),
    ).toBeCloseTo(780 / 782);
  });
});
