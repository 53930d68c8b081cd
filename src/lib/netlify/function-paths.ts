/**
 * Netlify function paths (URLPattern syntax) for Astro route patterns rendered on demand:
 * `/preview/[...slug]` → `/preview/*`, `/api/[id]` → `/api/:id`.
 * https://docs.netlify.com/build/functions/get-started/#route-requests
 */
export function functionPathsFor(routePatterns: readonly string[]): string[] {
  const paths = routePatterns.map((pattern) =>
    pattern
      .replace(/\[\.\.\.[^\]]+\]/g, '*')
      .replace(/\[([^\]]+)\]/g, ':$1')
      .replace(/\/\*$/, '/*'),
  );
  // A rest parameter also matches the bare prefix (`/preview` for `/preview/*`).
  const bare = paths.filter((path) => path.endsWith('/*')).map((path) => path.slice(0, -2) || '/');
  return [...new Set([...paths, ...bare])].sort();
}

/** Rewrite the adapter's catch-all SSR function config to answer only the given paths. */
export function scopeSsrFunctionSource(source: string, paths: readonly string[]): string {
  const scoped = source
    .replace(/path:\s*['"]\/\*['"],?/, `path: ${JSON.stringify(paths)},`)
    .replace(/\s*preferStatic:\s*true,?/, '');
  if (scoped === source || !scoped.includes(JSON.stringify(paths))) {
    throw new Error(
      'The Netlify adapter changed how it writes the SSR function config; update src/lib/netlify/function-paths.ts',
    );
  }
  return scoped;
}
