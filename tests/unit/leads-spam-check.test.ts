import { describe, expect, it } from 'vitest';
import { checkSpam, type SpamSignals } from '../../src/lib/leads/spam-check.ts';

const now = 1_700_000_000_000;
const human: SpamSignals = {
  website: '',
  fillMs: 9000,
  startedAt: undefined,
  scripted: true,
  minFillMs: 2500,
  now,
};

describe('checkSpam', () => {
  it('passes a person who took their time', () => {
    expect(checkSpam(human)).toEqual({ verdict: 'ok' });
  });

  it('flags a filled honeypot', () => {
    expect(checkSpam({ ...human, website: 'https://spam.example' })).toEqual({
      verdict: 'spam',
      reason: 'honeypot',
    });
    expect(checkSpam({ ...human, website: '   ' })).toEqual({ verdict: 'ok' });
  });

  it('flags a form filled faster than the minimum', () => {
    expect(checkSpam({ ...human, fillMs: 2499 })).toEqual({ verdict: 'spam', reason: 'too-fast' });
    expect(checkSpam({ ...human, fillMs: 2500 })).toEqual({ verdict: 'ok' });
  });

  it('falls back to startedAt, and gives no verdict on a clock ahead of ours', () => {
    const timed = { ...human, fillMs: undefined };
    expect(checkSpam({ ...timed, startedAt: now - 1000 })).toEqual({ verdict: 'spam', reason: 'too-fast' });
    expect(checkSpam({ ...timed, startedAt: now - 5000 })).toEqual({ verdict: 'ok' });
    expect(checkSpam({ ...timed, startedAt: now + 60_000 })).toEqual({ verdict: 'ok' });
  });

  it('expects a fill time from the page script but not from a no-JS post', () => {
    const untimed = { ...human, fillMs: undefined };
    expect(checkSpam(untimed)).toEqual({ verdict: 'spam', reason: 'no-fill-time' });
    expect(checkSpam({ ...untimed, scripted: false })).toEqual({ verdict: 'ok' });
  });
});
