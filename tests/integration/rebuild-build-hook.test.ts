import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callBuildHook, DEFAULT_BUILD_HOOK_RETRY } from '../../src/lib/rebuild/build-hook-client.ts';
import { manualClock } from '../fixtures/rebuild-clock.ts';
import { startBuildHookReceiver, type BuildHookReceiver } from '../fixtures/rebuild-hook-receiver.ts';

let hook: BuildHookReceiver;
beforeAll(async () => {
  hook = await startBuildHookReceiver();
});
afterAll(() => hook.close());
beforeEach(() => hook.behave({ status: 200 }));

function deps() {
  const clock = manualClock(1_800_000_000_000);
  const waits: number[] = [];
  return {
    waits,
    deps: {
      fetch: globalThis.fetch,
      now: clock.now,
      sleep: async (ms: number) => {
        waits.push(ms);
        await clock.sleep(ms);
      },
    },
  };
}

describe('callBuildHook against a local build hook', () => {
  it('POSTs once with trigger_title, trigger_branch and the JSON body', async () => {
    const before = hook.received.length;
    const { deps: d, waits } = deps();
    const result = await callBuildHook(
      {
        hookUrl: hook.url,
        branch: 'main',
        title: 'Contentful: 1 change: published hero h1',
        body: { windows: 1 },
      },
      d,
    );
    expect(result).toMatchObject({ ok: true, attempts: [{ status: 200 }] });
    expect(hook.received.slice(before)).toMatchObject([
      { title: 'Contentful: 1 change: published hero h1', branch: 'main', body: { windows: 1 } },
    ]);
    expect(waits).toEqual([]);
  });

  it('retries 503s and dropped connections with exponential backoff until Netlify accepts', async () => {
    const before = hook.received.length;
    hook.queue({ status: 503 }, 'drop', { status: 429 });
    const { deps: d, waits } = deps();
    const result = await callBuildHook({ hookUrl: hook.url, title: 't', body: {} }, d);
    expect(result.ok).toBe(true);
    expect(result.attempts.map((a) => a.status ?? 'error')).toEqual([503, 'error', 429, 200]);
    expect(result.attempts[1]?.error).toMatch(/fetch failed|socket|other side closed/i);
    expect(waits).toEqual([500, 1_000, 2_000]);
    expect(hook.received.length - before).toBe(1);
  });

  it('retries a 409 like the delivery worker does: the same retry policy', async () => {
    hook.queue({ status: 409 });
    const { deps: d, waits } = deps();
    const result = await callBuildHook({ hookUrl: hook.url, title: 't', body: {} }, d);
    expect(result.attempts.map((a) => a.status)).toEqual([409, 200]);
    expect(waits).toEqual([500]);
  });

  it('gives up after the last attempt and reports every one', async () => {
    hook.behave({ status: 502 });
    const { deps: d } = deps();
    const result = await callBuildHook({ hookUrl: hook.url, title: 't', body: {} }, d);
    expect(result).toMatchObject({ ok: false });
    expect(result.attempts).toHaveLength(DEFAULT_BUILD_HOOK_RETRY.attempts);
  });

  it('does not retry an answer that will not change, such as a deleted hook', async () => {
    hook.behave({ status: 404 });
    const { deps: d, waits } = deps();
    const result = await callBuildHook({ hookUrl: hook.url, title: 't', body: {} }, d);
    expect(result.attempts.map((a) => a.status)).toEqual([404]);
    expect(waits).toEqual([]);
  });

  it('times out a hook that never answers', async () => {
    const { deps: d } = deps();
    // A fetch that only ever ends by its abort signal stands in for a connection that hangs.
    const hung: typeof fetch = (_input, init) =>
      new Promise((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)),
      );
    const result = await callBuildHook(
      { hookUrl: hook.url, title: 't', body: {} },
      { ...d, fetch: hung },
      {
        ...DEFAULT_BUILD_HOOK_RETRY,
        attempts: 1,
        timeoutMs: 50,
      },
    );
    expect(result.attempts).toMatchObject([{ error: 'no answer within 50 ms' }]);
  });
});
