import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeProductionEnv } from '../fixtures/production-env.ts';

/**
 * The check-env build plugin (netlify/plugins/check-env) under Netlify's own build runner,
 * `@netlify/build` (what runs a deploy's build on Netlify), offline, with a config that keeps only
 * that plugin and a stand-in build command, so the plugin's `utils` are Netlify's, not a fake.
 */
const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const netlifyBuild = join(root, 'node_modules/@netlify/build/bin.js');
let directory: string;
let config: string;

const complete = completeProductionEnv;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'floodgate-netlify-build-'));
  config = join(directory, 'netlify.toml');
  // The command prints a line that is not in its own text: the build log also shows the config.
  await writeFile(
    config,
    `[build]
  command = "node -e \\"console.log(['the site build', 'ran'].join(' '))\\""
  publish = "dist"

[[plugins]]
  package = "./netlify/plugins/check-env"
`,
  );
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function build(env: Record<string, string>) {
  const args = [netlifyBuild, '--offline', '--cwd', root, '--repositoryRoot', root, '--config', config];
  const result = await run(process.execPath, [...args, '--context', 'production'], {
    cwd: root,
    // Only what a build needs to run: none of this machine's own settings reach the check.
    env: { PATH: process.env.PATH, HOME: directory, NO_COLOR: '1', ...env },
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, output: `${stdout}${stderr}` }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: `${error.stdout}${error.stderr}`,
    }),
  );
  return result;
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('check-env under @netlify/build', () => {
  it('fails a production build before the build command, naming the variable once', async () => {
    const env: Record<string, string> = { ...complete };
    delete env.LEADS_IP_HASH_SECRET;
    const { code, output } = await build(env);
    expect(code, output).not.toBe(0);
    expect(output).toContain('Plugin "./netlify/plugins/check-env" failed');
    expect(count(output, 'LEADS_IP_HASH_SECRET: is not set'), output).toBe(1);
    expect(output).not.toContain('the site build ran');
  }, 120_000);

  it('lets a complete production configuration through to the build command', async () => {
    const { code, output } = await build(complete);
    expect(code, output).toBe(0);
    expect(count(output, 'every function has what it needs in the production context'), output).toBe(1);
    expect(output).toContain('the site build ran');
  }, 120_000);
});
