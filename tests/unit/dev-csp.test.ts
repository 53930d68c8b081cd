import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { devContentSecurityPolicy } from '../../src/lib/dev/dev-csp.ts';

const productionPolicy = async () =>
  /Content-Security-Policy = "([^"]+)"/.exec(await readFile('netlify.toml', 'utf8'))?.[1] ?? '';

describe('devContentSecurityPolicy', () => {
  it('adds only inline styles to the production policy', async () => {
    const production = await productionPolicy();
    const dev = devContentSecurityPolicy(production);
    expect(dev.replace(" 'unsafe-inline'", '')).toBe(production);
    expect(dev).toContain("style-src 'self' 'unsafe-inline';");
    expect(dev).toContain("script-src 'self';");
  });

  it('leaves a policy that already allows inline styles as it is', () => {
    expect(devContentSecurityPolicy("style-src 'self' 'unsafe-inline'")).toBe(
      "style-src 'self' 'unsafe-inline'",
    );
  });

  it('is never what a build ships: the production policy forbids inline code', async () => {
    expect(await productionPolicy()).not.toContain('unsafe-inline');
  });
});
