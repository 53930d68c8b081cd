import { readFile, stat } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { resolve } from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import type { MappedSite } from '../../lib/content/map-space.ts';
import { mapSite } from '../../lib/content/map-site.ts';
import { SpaceExportSchema } from '../../schemas/space-export.ts';
import { storeSiteOrProblem, type SiteCollection } from './store-mapped-site.ts';

// Both collections load from the same file; map it once per change, not once per collection.
let cached: { key: string; site: Promise<MappedSite> } | undefined;

async function loadSpaceFile(path: string): Promise<MappedSite> {
  const { mtimeMs, size } = await stat(path);
  const key = `${path}:${mtimeMs}:${size}`;
  if (cached?.key !== key) cached = { key, site: readAndMap(path) };
  return cached.site;
}

async function readAndMap(path: string): Promise<MappedSite> {
  const text = await readFile(path, 'utf8');
  const parsed = SpaceExportSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`${path} is not a Contentful space export: ${first?.path.join('.')}: ${first?.message}`);
  }
  // An export file has no earlier state: a broken entry is left out, never replaced.
  return mapSite(parsed.data).site;
}

/**
 * Resolves once the file has stopped changing: an editor or script writes a large file in several
 * steps, and the watcher reports the first one, when the file may still be half written.
 */
async function untilWritten(path: string, pollMs = 100, maxPolls = 30): Promise<void> {
  let before = await stat(path);
  for (let poll = 0; poll < maxPolls; poll += 1) {
    await delay(pollMs);
    const after = await stat(path);
    if (after.size === before.size && after.mtimeMs === before.mtimeMs) return;
    before = after;
  }
}

/**
 * Loads the embedded Contentful space export (`content/space.json` by default). Used whenever no
 * Contentful credentials are configured, so the site builds with no account and no network.
 */
export function spaceFileLoader(options: { file: string; collection: SiteCollection }): Loader {
  const path = resolve(options.file);
  return {
    name: 'floodgate-space-file',
    load: async (context: LoaderContext) => {
      const load = () => storeSiteOrProblem(context, options.collection, loadSpaceFile(path));
      await load();
      context.watcher?.add(path);
      context.watcher?.on('change', (changed) => {
        if (resolve(changed) === path)
          void untilWritten(path)
            .then(load)
            .catch((error: Error) => context.logger.error(error.message));
      });
    },
  };
}
