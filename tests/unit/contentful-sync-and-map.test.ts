import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentValidationError } from '../../src/lib/content/content-validation-error.ts';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { syncAndMap } from '../../src/lib/contentful/sync-and-map.ts';
import type { SyncSource } from '../../src/lib/contentful/sync-source.ts';
import { syncStateFile } from '../../src/lib/contentful/sync-state-file.ts';
import type { SpaceEntry } from '../../src/schemas/space-export.ts';
import { scriptedSyncSource } from '../fixtures/scripted-sync-source.ts';
import { entryOf, fixtureSpace } from '../fixtures/space.ts';

const quiet = { info: () => undefined, warn: () => undefined };

/** The fixture's home hero with its heading changed (or removed, with `undefined`). */
function heroWithHeading(heading: string | undefined): SpaceEntry {
  const hero = structuredClone(entryOf(fixtureSpace(), 'hero-home'));
  if (heading === undefined) delete hero.fields.heading;
  else hero.fields.heading = { 'en-US': heading };
  return hero;
}

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('syncAndMap', () => {
  it('saves the sync state before mapping, so the build after a content fix fetches only the fix', async () => {
    dir = await mkdtemp(join(tmpdir(), 'floodgate-sync-state-'));
    const store = syncStateFile(join(dir, 'cache', 'contentful-sync-state.json'));
    const run = (source: SyncSource) =>
      syncAndMap({ source, sourceKey: 'k', store, map: mapSpace, log: quiet });

    await run(
      scriptedSyncSource({ initial: { entries: fixtureSpace().entries, nextSyncToken: 's1' } }).source,
    );
    const broken = scriptedSyncSource({
      s1: { entries: [heroWithHeading('x'.repeat(100))], nextSyncToken: 's2' },
    });
    await expect(run(broken.source)).rejects.toThrow(ContentValidationError);
    expect(JSON.parse((await store.read())!)).toMatchObject({ token: 's2' });

    const fixed = scriptedSyncSource({ s2: { entries: [heroWithHeading('Fixed')], nextSyncToken: 's3' } });
    const site = await run(fixed.source);
    expect(fixed.asked).toEqual(['s2']);
    expect(site.pages.find((page) => page.path === '/')?.page.sections[0]).toMatchObject({
      heading: 'Fixed',
    });
  });

  it('tells the mapping what the sync did', async () => {
    dir = await mkdtemp(join(tmpdir(), 'floodgate-sync-state-'));
    const store = syncStateFile(join(dir, 'state.json'));
    const { source } = scriptedSyncSource({
      initial: { entries: fixtureSpace().entries, nextSyncToken: 's1' },
    });
    const mode = await syncAndMap({
      source,
      sourceKey: 'k',
      store,
      map: (_, report) => report.mode,
      log: quiet,
    });
    expect(mode).toBe('full');
  });
});

describe('syncStateFile', () => {
  it('reads nothing before the first write, then what was written, leaving no temporary file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'floodgate-sync-state-'));
    const store = syncStateFile(join(dir, 'state.json'));
    expect(await store.read()).toBeUndefined();
    await store.write('{"token":"a"}');
    await store.write('{"token":"b"}');
    expect(await store.read()).toBe('{"token":"b"}');
    expect(await readdir(dir)).toEqual(['state.json']);
  });
});
