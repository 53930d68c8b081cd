import { describe, expect, it } from 'vitest';
import { runAfterResponse } from '../../src/lib/netlify/after-response.ts';
import { closerPlacement } from '../../src/lib/rebuild/closer-placement.ts';

describe('runAfterResponse', () => {
  it('hands the running task to waitUntil, so the invocation lives until it settles', async () => {
    const kept: Array<Promise<unknown>> = [];
    let done = false;
    runAfterResponse(
      { waitUntil: (promise) => void kept.push(promise) },
      async () => (done = true),
      () => undefined,
    );
    expect(kept).toHaveLength(1);
    await Promise.all(kept);
    expect(done).toBe(true);
  });

  it('turns a failure, thrown or rejected, into one line, never an unhandled rejection', async () => {
    const kept: Array<Promise<unknown>> = [];
    const lines: string[] = [];
    const context = { waitUntil: (promise: Promise<unknown>) => void kept.push(promise) };
    runAfterResponse(
      context,
      () => Promise.reject(new Error('drainer answered HTTP 500')),
      (line) => lines.push(line),
    );
    runAfterResponse(
      context,
      () => {
        throw new Error('no database');
      },
      (line) => lines.push(line),
    );
    await Promise.all(kept);
    expect(lines.toSorted()).toEqual(['drainer answered HTTP 500', 'no database']);
  });

  it('still runs the task on a host without waitUntil', async () => {
    const ran = Promise.withResolvers<void>();
    runAfterResponse(
      {},
      async () => ran.resolve(),
      () => undefined,
    );
    await expect(ran.promise).resolves.toBeUndefined();
  });
});

describe('closerPlacement', () => {
  it('closes a window in the webhook invocation when window plus a close fit the 60 s limit', () => {
    expect(closerPlacement({ windowMs: 30_000 })).toBe('webhook');
    expect(closerPlacement({ windowMs: 35_000 })).toBe('webhook');
  });

  it('hands a longer window to the background function', () => {
    expect(closerPlacement({ windowMs: 35_001 })).toBe('background');
    expect(closerPlacement({ windowMs: 600_000 })).toBe('background');
  });
});
