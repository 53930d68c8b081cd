/**
 * Where the rebuild keeps its state in Netlify Blobs. The webhook, the window closers and
 * `npm run rebuild:status` import this name, so they can never disagree about the store.
 */
export const REBUILD_STORE_NAME = 'floodgate-rebuilds';
