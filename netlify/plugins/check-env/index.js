// Netlify build plugin (local): before the site is built, check every variable the functions need
// in this deploy context (production, deploy-preview, branch-deploy) with the functions' own
// schemas, and fail the build naming each missing or invalid one. A broken configuration then
// stops the deploy here, not at the first visitor's sign-up.
// https://docs.netlify.com/extend/develop-and-share/develop-build-plugins/
//
// The check is scripts/check-env.ts (TypeScript, run by the project's own Node 24 through
// `utils.run`, which prefers node_modules/.bin), so the plugin and `npm run check:env` are one check.

/** Before the build: the check, or a failed build carrying its message. */
export const onPreBuild = async ({ utils }) => {
  const context = process.env.CONTEXT ?? 'production';
  try {
    // `stdio: 'pipe'`: utils.run (@netlify/run-utils) otherwise mirrors the child's output to the
    // log as well as returning it, and every line would be printed twice (seen under
    // @netlify/build 37; tests/integration/check-env-netlify-build.test.ts runs the real build).
    const { stdout } = await utils.run('node', ['scripts/check-env.ts', '--context', context], {
      preferLocal: true,
      stdio: 'pipe',
    });
    if (stdout) console.log(stdout);
  } catch (error) {
    const message = error?.stderr || error?.stdout || String(error);
    utils.build.failBuild(String(message).trim());
  }
};
