import { describe, expect, it } from 'vitest';
import { applySyncPage, createMirror } from '../../src/lib/contentful/sync-mirror.ts';
import { syncSpace } from '../../src/lib/contentful/sync-space.ts';
import { SyncTokenRejectedError } from '../../src/lib/contentful/sync-source.ts';
import type { SyncPage } from '../../src/schemas/contentful-sync.ts';
import { scriptedSyncSource } from '../fixtures/scripted-sync-source.ts';
import { entry, fixtureSpace } from '../fixtures/space.ts';

const page = (changes: Partial<SyncPage>): SyncPage => ({
  entries: [],
  assets: [],
  deletedEntries: [],
  deletedAssets: [],
  ...changes,
});

const log = () => {
  const lines: string[] = [];
  return {
    lines,
    info: (line: string) => lines.push(line),
    warn: (line: string) => lines.push(`warn: ${line}`),
  };
};

describe('applySyncPage', () => {
  it('adds, replaces in place and removes, keeping the order Contentful sent', () => {
    const mirror = createMirror();
    applySyncPage(mirror, page({ entries: [entry('a', 'faqItem', {}), entry('b', 'faqItem', {})] }));
    const changes = applySyncPage(
      mirror,
      page({
        entries: [entry('a', 'faqItem', { question: 'new' }), entry('c', 'faqItem', {})],
        deletedEntries: [{ sys: { id: 'b' } }, { sys: { id: 'never-seen' } }],
      }),
    );
    expect(changes).toEqual({ upserted: 2, deleted: 2 });
    expect([...mirror.entries.keys()]).toEqual(['a', 'c']);
    expect(mirror.entries.get('a')?.fields.question).toEqual({ 'en-US': 'new' });
  });
});

describe('syncSpace', () => {
  it('starts from scratch when there is no saved state, and saves the next sync token', async () => {
    const { source, space } = scriptedSyncSource({
      initial: page({ entries: fixtureSpace().entries.slice(0, 2), nextPageToken: 'p2' }),
      p2: page({ entries: fixtureSpace().entries.slice(2), nextSyncToken: 's1' }),
    });
    const lines = log();
    const outcome = await syncSpace({ source, sourceKey: 'space/master', saved: undefined, log: lines });
    expect(outcome.report).toMatchObject({ mode: 'full', pages: 2, entries: space.entries.length });
    expect(outcome.state).toMatchObject({ version: 1, source: 'space/master', token: 's1' });
    expect(outcome.space.entries.map((item) => item.sys.id)).toEqual(
      space.entries.map((item) => item.sys.id),
    );
    expect(lines.lines).toContain(
      `Contentful: synced 2 of ${space.entries.length} entries and assets (page 1)`,
    );
  });

  it('continues from the saved token and applies only the delta', async () => {
    const first = scriptedSyncSource({
      initial: page({ entries: fixtureSpace().entries, nextSyncToken: 's1' }),
    });
    const saved = JSON.stringify(
      (await syncSpace({ source: first.source, sourceKey: 'k', saved: undefined, log: log() })).state,
    );
    const second = scriptedSyncSource({
      s1: page({ deletedEntries: [{ sys: { id: 'page-offer' } }], nextSyncToken: 's2' }),
    });
    const outcome = await syncSpace({ source: second.source, sourceKey: 'k', saved, log: log() });
    expect(second.asked).toEqual(['s1']);
    expect(outcome.report).toMatchObject({ mode: 'delta', deleted: 1 });
    expect(outcome.space.entries.some((item) => item.sys.id === 'page-offer')).toBe(false);
    expect(outcome.state.token).toBe('s2');
  });

  it.each([
    ['{not json', 'the saved sync state is not valid JSON'],
    ['{"version":0}', 'the saved sync state has an outdated or unknown format'],
    [
      JSON.stringify({
        version: 1,
        source: 'other/master',
        token: 't',
        syncedAt: new Date(0).toISOString(),
        entries: [],
        assets: [],
      }),
      'the saved sync state is for other/master, not k',
    ],
  ])('does a full sync, saying why, when the saved state is %s', async (saved, reason) => {
    const { source, asked } = scriptedSyncSource({ initial: page({ nextSyncToken: 's1' }) });
    const lines = log();
    const outcome = await syncSpace({ source, sourceKey: 'k', saved, log: lines });
    expect(asked).toEqual(['initial']);
    expect(outcome.report.reason).toBe(reason);
    expect(lines.lines).toContain(`Contentful: full sync, because ${reason}`);
  });

  it('falls back to a full sync when Contentful rejects the token, but not on other errors', async () => {
    const saved = JSON.stringify({
      version: 1,
      source: 'k',
      token: 'old',
      syncedAt: new Date(0).toISOString(),
      entries: [],
      assets: [],
    });
    const rejected = scriptedSyncSource({
      old: new SyncTokenRejectedError('400 BadRequest'),
      initial: page({ nextSyncToken: 's1' }),
    });
    const lines = log();
    expect(
      (await syncSpace({ source: rejected.source, sourceKey: 'k', saved, log: lines })).report.mode,
    ).toBe('full');
    expect(lines.lines).toContain(
      'warn: Contentful rejected the saved sync token (400 BadRequest); starting a full sync',
    );

    const broken = scriptedSyncSource({ old: new Error('socket hang up') });
    await expect(syncSpace({ source: broken.source, sourceKey: 'k', saved, log: log() })).rejects.toThrow(
      'socket hang up',
    );
    expect(broken.asked).toEqual(['old']);
  });
});
