import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { evaluateRules, type AlertFacts } from '../../src/lib/ops/alert-rules.ts';
import type { MinutePoint } from '../../src/lib/ops/minute-series.ts';
import { OpsEnvSchema } from '../../src/schemas/ops-env.ts';

const limits = parseEnv(OpsEnvSchema, {}, 'tests');
const point = (counts: Partial<MinutePoint> = {}): MinutePoint => ({
  minute: '2026-12-07T14:00:00.000Z',
  ...{ accepted: 0, spam: 0, delivered: 0, retried: 0, dead: 0, redriven: 0, released: 0 },
  ...{ refused: 0, unavailable: 0, depth: 0 },
  ...counts,
});
const quiet: AlertFacts = {
  depth: 0,
  oldestQueuedSeconds: null,
  breaker: { state: 'closed' },
  perMinute: Array.from({ length: 60 }, () => point()),
};
const firing = (facts: Partial<AlertFacts>, env = limits) =>
  evaluateRules({ ...quiet, ...facts }, env)
    .filter((finding) => finding.firing)
    .map((finding) => finding.rule);
const lastMinutes = (count: number, counts: Partial<MinutePoint>) => [
  ...Array.from({ length: 60 - count }, () => point()),
  ...Array.from({ length: count }, () => point(counts)),
];

describe('alert rules', () => {
  it('a quiet site fires nothing', () => {
    expect(firing({})).toEqual([]);
  });

  it('oldest queued lead older than ALERT_OLDEST_QUEUED_MINUTES (default 15)', () => {
    const delivering = lastMinutes(60, { delivered: 5 });
    expect(firing({ depth: 1, oldestQueuedSeconds: 15 * 60, perMinute: delivering })).toEqual([]);
    expect(firing({ depth: 1, oldestQueuedSeconds: 15 * 60 + 1, perMinute: delivering })).toEqual([
      'oldest-queued',
    ]);
    const stricter = parseEnv(OpsEnvSchema, { ALERT_OLDEST_QUEUED_MINUTES: '5' }, 'tests');
    expect(firing({ depth: 1, oldestQueuedSeconds: 301, perMinute: delivering }, stricter)).toEqual([
      'oldest-queued',
    ]);
  });

  it('breaker open or half-open', () => {
    expect(firing({ breaker: { state: 'open' } })).toEqual(['breaker-open']);
    expect(firing({ breaker: { state: 'half-open' } })).toEqual(['breaker-open']);
  });

  it('dead letters made within the window, and not once they are older', () => {
    expect(firing({ perMinute: lastMinutes(1, { dead: 1 }) })).toEqual(['new-dead-letters']);
    const old = [...lastMinutes(60, {}).slice(0, 44), point({ dead: 3 }), ...lastMinutes(15, {}).slice(45)];
    expect(firing({ perMinute: old })).toEqual([]);
  });

  it('delivery stalled: queued, nothing delivered for ALERT_STALLED_MINUTES, and a lead that old', () => {
    expect(firing({ depth: 4, oldestQueuedSeconds: 10 * 60 })).toEqual(['delivery-stalled']);
    expect(firing({ depth: 4, oldestQueuedSeconds: 9 * 60 })).toEqual([]);
    expect(
      firing({ depth: 4, oldestQueuedSeconds: 10 * 60, perMinute: lastMinutes(1, { delivered: 1 }) }),
    ).toEqual([]);
  });

  it('intake 503 share over the last 5 minutes, only from ALERT_MIN_SAMPLE submissions on', () => {
    expect(firing({ perMinute: lastMinutes(5, { accepted: 19, refused: 1, unavailable: 1 }) })).toEqual([
      'intake-unavailable',
    ]);
    expect(firing({ perMinute: lastMinutes(5, { accepted: 99, refused: 1, unavailable: 1 }) })).toEqual([]);
    expect(firing({ perMinute: lastMinutes(1, { refused: 10, unavailable: 10 }) })).toEqual([]);
  });

  it('spam share spike over the last 10 minutes', () => {
    expect(firing({ perMinute: lastMinutes(10, { accepted: 2, spam: 2 }) })).toEqual(['spam-spike']);
    expect(firing({ perMinute: lastMinutes(10, { accepted: 3, spam: 2 }) })).toEqual([]);
  });

  it('each summary names the figure and the threshold', () => {
    const [oldest] = evaluateRules({ ...quiet, depth: 1, oldestQueuedSeconds: 1_200 }, limits);
    expect(oldest?.summary).toBe('Oldest queued lead is 20.0 min old (limit 15 min).');
  });
});

describe('ops environment', () => {
  it('an alert webhook without its secret is refused, naming the variable', () => {
    expect(() => parseEnv(OpsEnvSchema, { ALERT_WEBHOOK_URL: 'https://hooks.example/x' }, 'tests')).toThrow(
      /ALERT_WEBHOOK_SECRET: is not set: alerts are signed/,
    );
  });

  it('a short OPS_TOKEN is refused; thresholds parse as numbers', () => {
    expect(() => parseEnv(OpsEnvSchema, { OPS_TOKEN: 'short' }, 'tests')).toThrow(
      /OPS_TOKEN must be at least 24/,
    );
    expect(parseEnv(OpsEnvSchema, { ALERT_STALLED_MINUTES: '3' }, 'tests').ALERT_STALLED_MINUTES).toBe(3);
  });
});
