import { describe, expect, it } from 'vitest';
import { functionPathsFor, scopeSsrFunctionSource } from '../../src/lib/netlify/function-paths.ts';

const adapterOutput = `export const config = {
  includedFiles: ['**/*'],
  name: 'Astro SSR',
  path: '/*',
  preferStatic: true,
};`;

describe('functionPathsFor', () => {
  it('turns rest and named parameters into Netlify path patterns', () => {
    expect(functionPathsFor(['/preview/[...slug]', '/api/[id]'])).toEqual([
      '/api/:id',
      '/preview',
      '/preview/*',
    ]);
  });
});

describe('scopeSsrFunctionSource', () => {
  it('replaces the catch-all path and drops preferStatic', () => {
    const scoped = scopeSsrFunctionSource(adapterOutput, ['/preview', '/preview/*']);
    expect(scoped).toContain('path: ["/preview","/preview/*"],');
    expect(scoped).not.toContain("'/*'");
    expect(scoped).not.toContain('preferStatic');
  });

  it('fails loudly when the adapter output no longer has the expected shape', () => {
    expect(() =>
      scopeSsrFunctionSource('export const config = { path: "/everything" }', ['/preview/*']),
    ).toThrow(/adapter changed/);
  });
});
