import { randomUUID } from 'node:crypto';
import { getStore } from '@netlify/blobs';
import type { RebuildEnv } from '../../schemas/webhook-env.ts';
import type { CloseWindowsDeps } from './close-windows.ts';
import { REBUILD_STORE_NAME } from './rebuild-stores.ts';
import { rebuildStore, type RebuildStore } from './rebuild-store.ts';
import { rebuildTiming } from './rebuild-timing.ts';

/** The site's rebuild store inside a Netlify function (Netlify supplies the Blobs context). */
export const siteRebuildStore = (): RebuildStore =>
  rebuildStore(getStore({ name: REBUILD_STORE_NAME, consistency: 'strong' }));

/** The real clock, ids and network for a closer run inside a Netlify function. */
export function functionCloserDeps(env: RebuildEnv): CloseWindowsDeps {
  return {
    store: siteRebuildStore(),
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    newId: () => randomUUID(),
    fetch: (input, init) => globalThis.fetch(input, init),
    hook: { url: env.NETLIFY_BUILD_HOOK_URL, branch: env.NETLIFY_BUILD_HOOK_BRANCH },
    timing: rebuildTiming(env.REBUILD_WINDOW_SECONDS * 1000),
  };
}
