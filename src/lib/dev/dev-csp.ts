/**
 * What `astro dev` must add to the production Content-Security-Policy: Vite injects every
 * stylesheet as an inline `<style>` (and its error overlay styles its shadow DOM inline), so
 * `style-src` needs 'unsafe-inline'. Nothing else is relaxed; a build never uses this.
 */
const devAllowances: Record<string, string[]> = {
  'style-src': ["'unsafe-inline'"],
};

/** The production policy (from netlify.toml) with only the dev allowances added. */
export function devContentSecurityPolicy(production: string): string {
  return production
    .split(';')
    .map((directive) => directive.trim())
    .filter(Boolean)
    .map((directive) => {
      const [name = '', ...sources] = directive.split(/\s+/);
      const extra = (devAllowances[name] ?? []).filter((source) => !sources.includes(source));
      return [name, ...sources, ...extra].join(' ');
    })
    .join('; ');
}
