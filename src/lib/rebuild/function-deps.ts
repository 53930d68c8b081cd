import { randomUUID } from 'node:crypto';
import type { SqlClient } from '../db/sql-client.ts';
import type { RebuildEnv } from '../../schemas/webhook-env.ts';
import type { CloseWindowsDeps } from './close-windows.ts';
import { postgresRebuildStore } from './rebuild-store.ts';
import { rebuildTiming } from './rebuild-timing.ts';

/** The real clock, ids and network for a closer run inside a Netlify function, on `db`. */
export function functionCloserDeps(env: RebuildEnv, db: SqlClient): CloseWindowsDeps {
  return {
    store: postgresRebuildStore(db),
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    newId: () => randomUUID(),
    fetch: (input, init) => globalThis.fetch(input, init),
    hook: { url: env.NETLIFY_BUILD_HOOK_URL, branch: env.NETLIFY_BUILD_HOOK_BRANCH },
    timing: rebuildTiming(env.REBUILD_WINDOW_SECONDS * 1000),
  };
}
