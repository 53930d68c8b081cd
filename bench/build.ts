/**
 * `npm run bench:build [-- --pages 100,1000]`: build the site with N synthetic landing pages added to
 * the embedded content, and report wall time and milliseconds per page. Each landing page renders
 * in two locales, so "per HTML file" is also shown.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { SpaceExportSchema } from '../src/schemas/space-export.ts';
import { withSyntheticPages } from './synthetic-space.ts';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '100,1000' } } });
const counts = values.pages.split(',').map((value) => Number(value.trim()));
if (counts.some((count) => !Number.isInteger(count) || count < 1))
  throw new Error(`--pages takes positive integers, e.g. 100,1000; got "${values.pages}"`);

const base = SpaceExportSchema.parse(JSON.parse(await readFile('content/space.json', 'utf8')));
const basePages = base.entries.filter((entry) => entry.sys.contentType.sys.id === 'landingPage').length;
await mkdir('bench/tmp', { recursive: true });

const results = [];
for (const count of counts) {
  const contentFile = `bench/tmp/space-${count}.json`;
  const outDir = `bench/tmp/dist-${count}`;
  await writeFile(contentFile, JSON.stringify(withSyntheticPages(base, count)));
  await rm(outDir, { recursive: true, force: true });
  process.stdout.write(`building ${count} synthetic + ${basePages} embedded pages ... `);
  const started = performance.now();
  const build = spawnSync('astro', ['build'], {
    env: {
      ...process.env,
      CONTENT_FILE: contentFile,
      OUT_DIR: outDir,
      FORM_RULES_FILE: `${outDir}-form-rules.json`,
    },
    encoding: 'utf8',
    shell: false,
  });
  const wallMs = performance.now() - started;
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
  const landingPages = count + basePages;
  const result = {
    landingPages,
    htmlFiles: landingPages * 2,
    wallMs: Math.round(wallMs),
    msPerPage: +(wallMs / landingPages).toFixed(2),
    msPerHtmlFile: +(wallMs / (landingPages * 2)).toFixed(2),
  };
  console.log(`${(wallMs / 1000).toFixed(1)} s`);
  results.push(result);
  await rm(outDir, { recursive: true, force: true });
}

console.table(results);
const report = {
  benchmark: 'build',
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  results,
};
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/build.json', `${JSON.stringify(report, null, 2)}\n`);
console.log('written to bench/results/build.json · target: ≤ 10 ms per page at 1,000 pages');
