import { describe, expect, it } from 'vitest';
import { WINDOW_STATE, windowStatusAt } from '../../src/lib/rebuild/window-state.ts';

const now = 1_800_000_000_000;

describe('windowStatusAt', () => {
  it('shows an open window as collecting until it closes, then as due', () => {
    expect(windowStatusAt(WINDOW_STATE.open, now + 1, now)).toBe('open');
    expect(windowStatusAt(WINDOW_STATE.open, now, now)).toBe('due');
    expect(windowStatusAt(WINDOW_STATE.due, now + 1, now)).toBe('due');
  });

  it('shows a held window as building until its lease ends, then as due again', () => {
    expect(windowStatusAt(WINDOW_STATE.claimed, now + 60_000, now)).toBe('building');
    expect(windowStatusAt(WINDOW_STATE.claimed, now - 1, now)).toBe('due');
  });

  it('shows a failed window as retrying until its retry time', () => {
    expect(windowStatusAt(WINDOW_STATE.failed, now + 30_000, now)).toBe('retrying');
    expect(windowStatusAt(WINDOW_STATE.failed, now, now)).toBe('due');
  });

  it('shows a built window as built', () => {
    expect(windowStatusAt(WINDOW_STATE.built, undefined, now)).toBe('built');
  });
});
