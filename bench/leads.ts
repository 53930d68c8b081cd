/**
 * `npm run bench:leads`: throughput and latency of POST /api/leads on this machine, next to the
 * same server answering a constant 202 (the ceiling), then a burst of distinct leads that must all
 * be stored exactly once. Needs a built site (`npm run build`). Options:
 *   --duration 10      seconds per throughput phase
 *   --connections 50   concurrent connections in the throughput phases
 *   --burst 100000     leads in the burst (sent with 100 connections)
 *   --pg <url>         a real PostgreSQL instead of Netlify Database's local emulation (its `leads`
 *                      table is emptied: never point it at real data)
 *   --db-outage-seconds 30   only the outage phase (bench/lib/outage-phase.ts): the database cut
 *                      off mid-stream; its `outage` figures are merged into bench/results/leads.json
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { z } from 'zod';
import { connectToUrl } from '../scripts/lib/local-database.ts';
import { startServerProcess, type ServerProcess } from '../scripts/lib/server-process.ts';
import { defaultFormRulesFile } from '../src/lib/leads/form-rules-source.ts';

const ArgsSchema = z.object({
  duration: z.coerce.number().int().min(1),
  connections: z.coerce.number().int().min(1),
  burst: z.coerce.number().int().min(1),
  pg: z
    .string()
    .regex(/^postgres(ql)?:\/\//, '--pg must be a postgres:// URL')
    .optional(),
});
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    burst: { type: 'string', default: '100000' },
    pg: { type: 'string' },
    'db-outage-seconds': { type: 'string' },
  },
});
if (values['db-outage-seconds']) await runOutageOnly(Number(values['db-outage-seconds']));
const args = ArgsSchema.parse(values);
/** The outage phase alone, its figures merged into the last results (bench/lib/outage-phase.ts). */
async function runOutageOnly(outageSeconds: number): Promise<never> {
  const { mergeOutageReport } = await import('./lib/outage-phase.ts');
  await mergeOutageReport(outageSeconds, 'bench/results/leads.json');
  process.exit(0);
}
if (!existsSync(defaultFormRulesFile)) throw new Error('No built site: run `npm run build` first.');

// --- the server under test, in its own process ----------------------------------------------
/** Start a bench server with an empty database of its own; stop() removes it. */
async function startServer(): Promise<ServerProcess> {
  const directory = await mkdtemp(join(tmpdir(), 'floodgate-bench-leads-'));
  if (args.pg) {
    const db = connectToUrl(args.pg, { describe: '--pg' });
    await db.query('TRUNCATE leads').catch(() => undefined);
    await db.close();
  }
  const server = await startServerProcess('bench/lib/leads-server.ts', join(directory, 'db'), {
    ...process.env,
    ...(args.pg ? { BENCH_DB_URL: args.pg } : {}),
    // One machine posts everything: lift the per-IP limit; a script "types" instantly: lift the fill time.
    LEADS_RATE_LIMIT_PER_MINUTE: '999999999',
    LEADS_MIN_FILL_MS: '1',
  });
  return {
    ...server,
    async stop() {
      await server.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

// --- load ------------------------------------------------------------------------------------
let sequence = 0;
const leadBody = () => {
  sequence += 1;
  return JSON.stringify({
    email: `bench-${sequence}@example.com`,
    firstName: 'Bench',
    company: 'Load Test Ltd',
    formId: 'demo-request',
    pageSlug: 'home',
    locale: 'en-US',
    consent: true,
    consentVersion: '2026-11',
    idempotencyKey: randomUUID(),
    fillMs: 9000,
    utm: { utm_source: 'bench' },
  });
};

interface PhaseResult {
  phase: string;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  statuses: Record<string, number>;
  errors: number;
  seconds: number;
}

async function phase(
  origin: string,
  name: string,
  path: string,
  options: Partial<autocannon.Options>,
  onAccepted?: (id: string) => void,
): Promise<PhaseResult> {
  process.stdout.write(`${name} ... `);
  const result = await autocannon({
    url: origin,
    connections: args.connections,
    // `amount` (a fixed number of requests) and `duration` exclude each other.
    ...(options.amount ? {} : { duration: args.duration }),
    ...options,
    headers: { 'content-type': 'application/json', origin },
    requests: [
      {
        method: 'POST',
        path,
        setupRequest: (request) => ({ ...request, body: leadBody() }),
        onResponse: onAccepted
          ? (status, body) => {
              if (status === 202) onAccepted((JSON.parse(body) as { id: string }).id);
            }
          : undefined,
      },
    ],
  });
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]),
  );
  const summary = {
    phase: name,
    requestsPerSecond: Math.round(result.requests.sent / result.duration),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    statuses,
    errors: result.errors,
    seconds: +result.duration.toFixed(2),
  };
  console.log(`${summary.requestsPerSecond} req/s, p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms`);
  return summary;
}

/** How many of `ids` the server's database holds as queued leads, and how many rows it holds in all. */
async function countStored(server: ServerProcess, ids: string[]): Promise<{ found: number; rows: number }> {
  const db = connectToUrl(server.database.url, { describe: 'bench' });
  try {
    let found = 0;
    for (let start = 0; start < ids.length; start += 10_000) {
      const { rows } = await db.query<{ found: number }>(
        `SELECT count(*)::int AS found FROM leads WHERE state = 'queued' AND id = ANY($1)`,
        [ids.slice(start, start + 10_000)],
      );
      found += rows[0]?.found ?? 0;
    }
    const { rows } = await db.query<{ rows: number }>('SELECT count(*)::int AS rows FROM leads');
    return { found, rows: rows[0]?.rows ?? 0 };
  } finally {
    await db.close();
  }
}

const pick = ({ requestsPerSecond, p50Ms, p99Ms }: PhaseResult) => ({ requestsPerSecond, p50Ms, p99Ms });

// Throughput and latency, one server.
let server = await startServer();
let ceiling: PhaseResult,
  memory: PhaseResult,
  memoryHalf: PhaseResult,
  endpoint: PhaseResult,
  half: PhaseResult;
try {
  // Warm-up: the first requests load the form rules and JIT the handler.
  await phase(server.url, 'warm-up', '/api/leads', { duration: 3, connections: 10 });
  await phase(server.url, 'warm-up (no store)', '/__bench/leads-memory', { duration: 2, connections: 10 });
  ceiling = await phase(server.url, 'ceiling (constant 202)', '/__bench/accept', {});
  memory = await phase(server.url, 'lead logic, no store', '/__bench/leads-memory', {});
  const memoryHalfRate = Math.max(1, Math.round(memory.requestsPerSecond / 2));
  memoryHalf = await phase(
    server.url,
    `lead logic, no store, at ${memoryHalfRate} req/s`,
    '/__bench/leads-memory',
    { overallRate: memoryHalfRate },
  );
  endpoint = await phase(server.url, 'POST /api/leads (max)', '/api/leads', {});
  const halfRate = Math.max(1, Math.round(endpoint.requestsPerSecond / 2));
  half = await phase(server.url, `POST /api/leads at ${halfRate} req/s`, '/api/leads', {
    overallRate: halfRate,
  });
} finally {
  await server.stop();
}

// The burst, on a fresh server and an empty store: every distinct lead must be stored once.
server = await startServer();
try {
  await phase(server.url, 'warm-up', '/__bench/accept', { duration: 2, connections: 10 });
  const ids: string[] = [];
  const burstStarted = performance.now();
  const burst = await phase(
    server.url,
    `burst of ${args.burst} leads, 100 connections`,
    '/api/leads',
    { amount: args.burst, connections: 100, timeout: 30 },
    (id) => ids.push(id),
  );
  const absorbSeconds = (performance.now() - burstStarted) / 1000;
  process.stdout.write('counting what the queue holds ... ');
  const accepted = ids.length;
  const distinctIds = [...new Set(ids)];
  const stored = await countStored(server, distinctIds);
  const burstReport = {
    store: args.pg ? 'PostgreSQL (--pg)' : 'Netlify Database emulation',
    sent: args.burst,
    accepted,
    stored: stored.rows,
    // Accepted ids the queue does not hold as queued leads.
    lost: distinctIds.length - stored.found,
    // Two answers with one id, or more rows than distinct accepted leads (the key is unique).
    duplicates: accepted - distinctIds.length + Math.max(0, stored.rows - distinctIds.length),
    seconds: +absorbSeconds.toFixed(1),
    leadsPerSecond: Math.round(accepted / absorbSeconds),
  };
  console.log('done');

  console.table([ceiling, memory, memoryHalf, endpoint, half].map(({ statuses: _, ...row }) => row));
  console.table([burstReport]);
  const verdicts = {
    throughputVsCeiling: +(endpoint.requestsPerSecond / ceiling.requestsPerSecond).toFixed(2),
    logicThroughputVsCeiling: +(memory.requestsPerSecond / ceiling.requestsPerSecond).toFixed(2),
    throughputTargetMet: endpoint.requestsPerSecond >= 0.5 * ceiling.requestsPerSecond,
    p99AtHalfRateTargetMet: half.p99Ms <= 25,
    logicP99AtHalfRateTargetMet: memoryHalf.p99Ms <= 25,
    noLeadLost: burstReport.lost === 0,
    noDuplicates: burstReport.duplicates === 0,
  };
  console.log(verdicts);
  const report = {
    benchmark: 'leads',
    measuredAt: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model },
    settings: { ...args, pg: args.pg ? 'given' : undefined },
    store: args.pg ? 'PostgreSQL (--pg)' : 'Netlify Database emulation (@netlify/database-dev)',
    ceiling: pick(ceiling),
    logicNoStore: pick(memory),
    logicNoStoreHalfRate: pick(memoryHalf),
    endpoint: pick(endpoint),
    halfRate: pick(half),
    burst: burstReport,
    verdicts,
    phases: [ceiling, memory, memoryHalf, endpoint, half, burst],
  };
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/leads.json', `${JSON.stringify(report, null, 2)}\n`);
  console.log('written to bench/results/leads.json');
} finally {
  await server.stop();
}
