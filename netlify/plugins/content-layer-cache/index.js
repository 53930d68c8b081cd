// Netlify build plugin (local): keeps Astro's content layer store between builds. `astro build`
// writes it to node_modules/.astro/data-store.json (Astro's `cacheDir`); it holds the Contentful
// Sync API token and the mirrored entries, so the next build fetches only what changed. Netlify
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
