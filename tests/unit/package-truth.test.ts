import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/** What package.json and the pinned Node say; each claim is checked against the code below. */
interface PackageJson {
  engines: { node: string };
  devEngines: { runtime: { name: string; version: string } };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}
const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;
const pkg = readJson<PackageJson>('package.json');
const pinned = readJson<{ optionalDependencies: Record<string, string> }>('.ci/node/package.json');

const sourceFiles = execFileSync(
  'git',
  ['ls-files', 'src', 'scripts', 'bench', 'tests', 'netlify', '*.ts', '*.mjs'],
  {
    encoding: 'utf8',
  },
)
  .split('\n')
  .filter((file) => /\.(ts|mts|mjs|js|astro)$/.test(file));

// Static imports and re-exports at the start of a line, and dynamic imports of a string literal.
const importPattern =
  /^\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/gm;
const specifiersOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(importPattern)].map((match) => match[1] ?? match[2] ?? '');
// `import type` / `export type` are erased when a function is bundled: they need the package for
// the type check (declared), never at run time (a dependency).
const runtimeSpecifiersOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(importPattern)]
    .filter((match) => !/^\s*(?:import|export)\s+type\b/.test(match[0]))
    .map((match) => match[1] ?? match[2] ?? '');

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`; undefined for relative, node: and astro: imports. */
function packageOf(specifier: string): string | undefined {
  if (/^(\.|\/|node:|astro:)/.test(specifier) || builtinModules.includes(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every file a netlify/functions entry reaches through relative imports: what runs on Netlify. */
function functionClosure(): string[] {
  const seen = new Set<string>();
  const queue = sourceFiles.filter((file) => file.startsWith('netlify/functions/'));
  while (queue.length > 0) {
    const file = queue.pop() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of specifiersOf(file))
      if (specifier.startsWith('.')) queue.push(normalize(join(dirname(file), specifier)));
  }
  return [...seen];
}

describe('package.json says the truth', () => {
  it('declares every package the code imports', () => {
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
    const undeclared = sourceFiles.flatMap((file) =>
      specifiersOf(file)
        .map(packageOf)
        .filter((name) => name !== undefined && !declared.has(name))
        .map((name) => `${file}: ${name}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('lists what the deployed functions import under dependencies, not devDependencies', () => {
    const runtime = new Set(Object.keys(pkg.dependencies));
    const devOnly = functionClosure().flatMap((file) =>
      runtimeSpecifiersOf(file)
        .map(packageOf)
        .filter((name) => name !== undefined && !runtime.has(name))
        .map((name) => `${file}: ${name}`),
    );
    expect(devOnly).toEqual([]);
  });

  it('pins in .ci/node the Node that .nvmrc names, inside the range engines and devEngines accept', () => {
    const nvmrc = readFileSync('.nvmrc', 'utf8').trim();
    expect(new Set(Object.values(pinned.optionalDependencies))).toEqual(new Set([nvmrc]));
    expect(pkg.devEngines.runtime).toMatchObject({ name: 'node', version: pkg.engines.node });
    const [major = '', minor = ''] = nvmrc.split('.');
    const allowed = pkg.engines.node.split('||').map((range) => range.trim());
    expect(
      allowed.some((range) => range.startsWith(`^${major}.`) && Number(range.split('.')[1]) <= Number(minor)),
    ).toBe(true);
  });
});
