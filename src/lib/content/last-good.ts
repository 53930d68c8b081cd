import { LastGoodEntriesSchema } from '../../schemas/contentful-sync.ts';
import type { SpaceEntry, SpaceExport } from '../../schemas/space-export.ts';
import { syncStateFile } from '../contentful/sync-state-file.ts';
import type { LocaleCode } from '../../schemas/locales.ts';
import { pageSlugsByLocale } from './map-redirects.ts';
import { indexSpace } from './space-index.ts';

/** Former slugs by page id and locale. */
export type SlugHistory = Record<string, Record<string, string[]>>;

export interface LastGood {
  entries: Map<string, SpaceEntry>;
  slugHistory: SlugHistory;
}

export interface LastGoodStore {
  /** The last good entries and slug history; empty when there are none or they came from another space. */
  read(): Promise<LastGood>;
  /** Keep these entries as the last good ones (older good versions of entries not given stay). */
  write(entries: readonly SpaceEntry[], slugHistory: SlugHistory): Promise<void>;
}

/**
 * The last good entries in a file of the build cache. A file from another space, or one that does
 * not parse (an older deploy's format), counts as none: the build then leaves broken entries out.
 */
export function lastGoodFile(path: string, source: string): LastGoodStore {
  const file = syncStateFile(path);
  let known = new Map<string, SpaceEntry>();
  return {
    read: async () => {
      const text = await file.read();
      const parsed = text === undefined ? undefined : LastGoodEntriesSchema.safeParse(safeJson(text));
      const usable = parsed?.success && parsed.data.source === source ? parsed.data : undefined;
      known = new Map(usable?.entries.map((entry) => [entry.sys.id, entry]));
      return { entries: new Map(known), slugHistory: usable?.slugHistory ?? {} };
    },
    write: async (entries, slugHistory) => {
      // A good entry replaces its older version; an entry still broken keeps the version it had.
      for (const entry of entries) known.set(entry.sys.id, entry);
      await file.write(JSON.stringify({ version: 1, source, entries: [...known.values()], slugHistory }));
    },
  };
}

/**
 * The slug history with the slugs pages had in their last good version and no longer have: a
 * marketer renamed the page, and its old address keeps working.
 */
export function withRenamedSlugs(
  history: SlugHistory,
  lastGood: LastGood['entries'],
  space: SpaceExport,
): SlugHistory {
  const before = pageSlugsByLocale(indexSpace({ ...space, entries: [...lastGood.values()] }), space);
  const now = pageSlugsByLocale(indexSpace(space), space);
  const next: SlugHistory = structuredClone(history);
  for (const [pageId, slugs] of before) {
    for (const [locale, slug] of slugs) {
      const current = now.get(pageId)?.get(locale);
      if (current === undefined || current === slug) continue;
      const former = (next[pageId] ??= {});
      former[locale] = [...new Set([...(former[locale] ?? []), slug])].filter((old) => old !== current);
    }
  }
  return next;
}

/** The history as mapSite takes it. */
export const previousSlugsOf = (history: SlugHistory) =>
  new Map(
    Object.entries(history).map(([pageId, byLocale]) => [
      pageId,
      new Map(Object.entries(byLocale) as Array<[LocaleCode, string[]]>),
    ]),
  );

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
