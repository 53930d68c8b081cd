/**
 * `npm run bench:lighthouse`: Lighthouse (its default mobile profile: a Moto G class phone on
 * simulated slow 4G, 4× CPU slowdown) over the built site served by `npm start`'s local server,
 * with Debian's Chromium (`CHROME_PATH`, default /usr/bin/chromium; nothing is downloaded). Prints
 * the four category scores per page and writes bench/results/lighthouse.json. Needs a built site
 * (`npm run build`). Slow (tens of seconds a page), so not part of `npm test`. Options:
 *   --port 0          where the site is served (0: any free port)
 *   --pages /,/de/winteraktion/,…   paths to audit
 *   --runs 1          audits per page; the median score of each category is reported
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { z } from 'zod';
import { startLocalServer } from '../scripts/lib/local-server.ts';
import { categories, medianScores, type PageScores } from './lib/lighthouse-scores.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    pages: {
      type: 'string',
      // Home, a German landing page, a form's confirmation page, an event's confirmation page, the 404.
      default: '/,/de/winteraktion/,/thank-you/,/webinar-registered/,/this-page-does-not-exist/',
    },
    runs: { type: 'string', default: '1' },
  },
});
const args = z
  .object({
    port: z.coerce.number().int().min(0).max(65535),
    pages: z.string().transform((list) => list.split(',').map((path) => path.trim())),
    runs: z.coerce.number().int().min(1).max(9),
  })
  .parse(values);
if (!existsSync('dist/index.html')) throw new Error('No built site: run `npm run build` first.');

const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const database = await mkdtemp(join(tmpdir(), 'floodgate-bench-lighthouse-'));
const server = await startLocalServer({ port: args.port, databaseDirectory: join(database, 'db') });
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const results: PageScores[] = [];
try {
  for (const path of args.pages) {
    const runs = [];
    for (let run = 0; run < args.runs; run += 1) {
      const result = await lighthouse(`${server.url}${path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...categories],
        // The 404 page is audited as the page it is; without this Lighthouse refuses any non-2xx.
        ignoreStatusCode: true,
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      runs.push(result.lhr);
    }
    const scores = medianScores(path, runs);
    results.push(scores);
    console.log(
      `${path.padEnd(32)} ${categories.map((name) => `${name} ${scores.scores[name] ?? 'n/a'}`).join(' · ')}` +
        ` · LCP ${scores.lcpMs ?? 'n/a'} ms${scores.below100.length ? ` · below 100: ${scores.below100.join('; ')}` : ''}` +
        (scores.runtimeError ? ` · ${scores.runtimeError}` : ''),
    );
  }
} finally {
  chrome.kill();
  await server.close();
  await rm(database, { recursive: true, force: true });
}

const report = {
  benchmark: 'lighthouse',
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  loadAverage: loadavg().map((load) => +load.toFixed(1)),
  profile: 'Lighthouse default (mobile, simulated throttling)',
  runsPerPage: args.runs,
  pages: results,
};
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/lighthouse.json', `${JSON.stringify(report, null, 2)}\n`);
console.log('Wrote bench/results/lighthouse.json');
