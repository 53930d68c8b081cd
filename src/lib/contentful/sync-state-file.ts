import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Where the Contentful loader keeps its sync state between builds. */
export interface SyncStateStore {
  /** The saved state as stored (unparsed), or undefined if there is none. */
  read(): Promise<string | undefined>;
  /** Replace the saved state; resolved once it is on disk. */
  write(state: string): Promise<void>;
}

/**
 * The sync state as a file of its own in Astro's cache directory. Astro's meta store writes to disk
 * on a debounce, and a build that fails (say, on a content mistake) exits before that write: the
 * next build then synced everything again instead of just the fix. This file is written at once,
 * atomically (temporary file, then rename), before the content is mapped.
 */
export function syncStateFile(path: string): SyncStateStore {
  return {
    read: async () => {
      try {
        return await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    write: async (state) => {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, state);
      await rename(temporary, path);
    },
  };
}
