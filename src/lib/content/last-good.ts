import { LastGoodEntriesSchema } from '../../schemas/contentful-sync.ts';
import type { SpaceEntry } from '../../schemas/space-export.ts';
import { syncStateFile } from '../contentful/sync-state-file.ts';

export interface LastGoodStore {
  /** The last good entries by id; empty when there are none yet or they came from another space. */
  read(): Promise<Map<string, SpaceEntry>>;
  /** Keep these entries as the last good ones, with any older good version of entries not given. */
  write(entries: readonly SpaceEntry[]): Promise<void>;
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
      known =
        parsed?.success && parsed.data.source === source
          ? new Map(parsed.data.entries.map((entry) => [entry.sys.id, entry]))
          : new Map();
      return new Map(known);
    },
    write: async (entries) => {
      // A good entry replaces its older version; an entry still broken keeps the version it had.
      for (const entry of entries) known.set(entry.sys.id, entry);
      await file.write(JSON.stringify({ version: 1, source, entries: [...known.values()] }));
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
