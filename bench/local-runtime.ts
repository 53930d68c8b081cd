/**
 * `npm run bench:local-runtime`: the lead endpoint (POST /api/leads) of `npm start`'s local
 * server with its functions hosted warm in-process (what `npm start` does) and by NetlifyDev's
 * own function runtime (a fresh worker per request): time to ready, the first answer, then
 * requests/s, p50 and p99 under load. Needs a built site (`npm run build`). Options:
 *   --duration 5       seconds of load per host
 *   --connections 10   concurrent connections
 *   --before <file>    also measure another build of scripts/lib/local-server.ts (e.g. the
 *                      previous commit's, checked out to a scratch directory inside the project)
 * Writes bench/results/local-runtime.json.
 */
import { randomUUID } from 'node:crypto';
import { benchLeadBody } from './lib/bench-lead.ts';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { z } from 'zod';
import { startServerProcess } from '../scripts/lib/server-process.ts';
import { defaultFormRulesFile } from '../src/lib/leads/form-rules-source.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    before: { type: 'string' },
  },
});
const args = z
  .object({
    duration: z.coerce.number().int().min(1),
    connections: z.coerce.number().int().min(1),
    before: z.string().optional(),
  })
  .parse(values);
if (!existsSync(defaultFormRulesFile)) throw new Error('No built site: run `npm run build` first.');

const leadBody = () => benchLeadBody({ email: `bench-${randomUUID()}@example.com` });

interface Host {
  name: string;
  functionsHost: 'warm' | 'netlify';
  module?: string;
}

async function measure(host: Host) {
  const directory = await mkdtemp(join(tmpdir(), 'floodgate-bench-runtime-'));
  const started = performance.now();
  const server = await startServerProcess('bench/lib/runtime-server.ts', join(directory, 'db'), {
    ...process.env,
    BENCH_FUNCTIONS_HOST: host.functionsHost,
    ...(host.module ? { BENCH_SERVER_MODULE: host.module } : {}),
    LEADS_RATE_LIMIT_PER_MINUTE: '999999999',
    LEADS_MIN_FILL_MS: '1',
  });
  const readyMs = performance.now() - started;
  try {
    const post = async () => {
      const at = performance.now();
      const response = await fetch(`${server.url}/api/leads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: leadBody(),
      });
      await response.arrayBuffer();
      return { status: response.status, ms: performance.now() - at };
    };
    const first = await post();
    // A few single posts after the first: what one visitor waits once the server is warm.
    const singles = [await post(), await post(), await post()];
    process.stdout.write(
      `${host.name}: ready ${Math.round(readyMs)} ms, first ${Math.round(first.ms)} ms ... `,
    );
    const result = await autocannon({
      url: server.url,
      connections: args.connections,
      duration: args.duration,
      headers: { 'content-type': 'application/json', origin: server.url },
      requests: [{ method: 'POST', path: '/api/leads', setupRequest: (r) => ({ ...r, body: leadBody() }) }],
    });
    const summary = {
      host: host.name,
      readyMs: Math.round(readyMs),
      firstAnswer: { status: first.status, ms: Math.round(first.ms) },
      singlePostMs: singles.map((single) => Math.round(single.ms)),
      requestsPerSecond: Math.round(result.requests.sent / result.duration),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      statuses: Object.fromEntries(
        Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]),
      ),
      errors: result.errors,
    };
    console.log(`${summary.requestsPerSecond} req/s, p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms`);
    return summary;
  } finally {
    await server.stop();
    await rm(directory, { recursive: true, force: true });
  }
}

const hosts: Host[] = [
  ...(args.before
    ? [{ name: `before (${args.before})`, functionsHost: 'warm' as const, module: args.before }]
    : []),
  { name: 'warm host (npm start)', functionsHost: 'warm' },
  { name: 'NetlifyDev functions', functionsHost: 'netlify' },
];
const results = [];
for (const host of hosts) results.push(await measure(host));
const report = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: cpus().length, loadAverageAtEnd: loadavg().map((load) => +load.toFixed(2)) },
  options: { duration: args.duration, connections: args.connections },
  results,
};
await writeFile('bench/results/local-runtime.json', `${JSON.stringify(report, null, 2)}\n`);
console.log('Wrote bench/results/local-runtime.json');
