import { describe, expect, it } from 'vitest';
import { isDrainerRequest, shouldStartBackgroundDrain } from '../../src/lib/delivery/background-drain.ts';
import { backgroundToken } from '../../src/lib/netlify/background-trigger.ts';
import { deliveryDutyCycle } from '../../src/schemas/delivery-env.ts';

describe('shouldStartBackgroundDrain', () => {
  const base = {
    continuous: true,
    stoppedBecause: 'time-budget' as const,
    leaseUntil: undefined,
    now: 1_000,
  };

  it('starts a drainer when a run used its whole budget and none holds the lease', () => {
    expect(shouldStartBackgroundDrain(base)).toBe(true);
    expect(shouldStartBackgroundDrain({ ...base, leaseUntil: 999 })).toBe(true);
  });

  it('does not when the queue ran empty, the circuit is open, the store failed, or a drainer runs', () => {
    for (const stoppedBecause of ['empty', 'circuit-open', 'store-error', 'stopped'] as const)
      expect(shouldStartBackgroundDrain({ ...base, stoppedBecause })).toBe(false);
    expect(shouldStartBackgroundDrain({ ...base, leaseUntil: 1_001 })).toBe(false);
    expect(shouldStartBackgroundDrain({ ...base, continuous: false })).toBe(false);
  });
});

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

describe('deliveryDutyCycle', () => {
  it('is the scheduled budget per minute without the drainer, and near 1 with it', () => {
    expect(
      deliveryDutyCycle({ LEADS_DELIVERY_TIME_BUDGET_MS: 18_000, LEADS_DELIVERY_CONTINUOUS: false }),
    ).toBeCloseTo(0.3);
    // 13 min of draining, then at worst 42 s until the next scheduled run starts another drainer.
    expect(
      deliveryDutyCycle({ LEADS_DELIVERY_TIME_BUDGET_MS: 18_000, LEADS_DELIVERY_CONTINUOUS: true }),
    ).toBeCloseTo(780 / 822);
  });
});
