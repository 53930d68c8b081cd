// Netlify build plugin (local): keeps Astro's cache directory between builds. `astro build`
// writes its content layer store there (node_modules/.astro/data-store.json), and the Contentful
// loader its sync state (contentful-sync-state.json: the Sync API token and the mirrored
// entries), so the next build fetches only what changed. Netlify
// often restores node_modules from its dependency cache too, but not after a lockfile change or a
// "clear cache" deploy; this makes keeping the store explicit. https://docs.netlify.com/extend/develop-and-share/develop-build-plugins/
const storeDir = 'node_modules/.astro';

/** Before the build: put the last successful build's store back (a no-op if it is already there). */
export const onPreBuild = async ({ utils }) => {
  const restored = await utils.cache.restore(storeDir);
  console.log(
    restored
      ? `Restored ${storeDir} from the build cache`
      : `No cached ${storeDir}: Contentful does a full sync`,
  );
};

/** After a successful build: keep the store for the next one. */
export const onPostBuild = async ({ utils }) => {
  if (await utils.cache.save(storeDir)) console.log(`Saved ${storeDir} to the build cache`);
};

/**
 * After a failed build (say, a content mistake): keep at least the Contentful sync state, which
 * the loader writes before mapping, so the build after the fix fetches only the fix.
 */
export const onError = async ({ utils }) => {
  if (await utils.cache.save(`${storeDir}/contentful-sync-state.json`))
    console.log(`Saved the Contentful sync state to the build cache`);
};
