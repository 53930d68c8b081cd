/**
 * `npm run bench:drain [-- --backlog 100000 --window 20 --paced-rate 50 --paced-windows 3 --concurrency 32 --pg <url>]`:
 * fill the leads table (bulk insert), drain it into the dev CRM (a real HTTP sink on loopback that
 * verifies every signature) as fast as the worker goes for one window, then measure the achieved
 * pace at LEADS_DELIVERY_RATE=50 over `--paced-windows` windows. Default store: Netlify's local
 * emulation (`@netlify/database-dev`, PGlite behind the wire protocol, Nagle off as `npm start`
 * does); `--pg` points at a real PostgreSQL (a fresh database is made and dropped). Writes
 * bench/results/drain.json (with `--pg`: drain-postgres.json).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startDevCrm, type DevCrm } from '../scripts/dev-crm/dev-crm.ts';
import type { SqlClient } from '../src/lib/db/sql-client.ts';
import { createDeliveryWorker } from '../src/lib/delivery/delivery-worker.ts';
import { parseEnv } from '../src/lib/env/parse-env.ts';
import { DeliveryEnvSchema, type DeliveryEnv } from '../src/schemas/delivery-env.ts';
import { openBenchDatabase } from './lib/bench-database.ts';

const ArgsSchema = z.object({
  backlog: z.coerce.number().int().min(100).max(2_000_000).default(100_000),
  window: z.coerce.number().int().min(5).max(600).default(20),
  pacedRate: z.coerce.number().min(1).max(1_000).default(50),
  pacedWindows: z.coerce.number().int().min(1).max(30).default(3),
  concurrency: z.coerce.number().int().min(1).max(256).default(64),
  claimBatch: z.coerce.number().int().min(1).max(5_000).default(500),
  pool: z.coerce.number().int().min(1).max(64).default(8),
  pg: z.url().optional(),
});
const { values } = parseArgs({
  options: Object.fromEntries(
    ['backlog', 'window', 'paced-rate', 'paced-windows', 'concurrency', 'claim-batch', 'pool', 'pg'].map(
      (name) => [name, { type: 'string' as const }],
    ),
  ),
});
const args = ArgsSchema.parse({
  ...values,
  pacedRate: values['paced-rate'],
  pacedWindows: values['paced-windows'],
  claimBatch: values['claim-batch'],
});

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** A migrated, empty database: the emulation in a temp directory, or the `--pg` server's (emptied). */
const openStore = () => openBenchDatabase(args.pg, args.pool);

/** `count` queued leads in one statement, received a millisecond apart, with PII-shaped payloads. */
async function fill(db: SqlClient, count: number, prefix: string) {
  const started = performance.now();
  await db.query(
    `INSERT INTO leads (id, idempotency_key, fingerprint, state, received_at, due_at, payload)
     SELECT $3 || lpad(i::text, 9, '0'), $3 || i, 'bench', 'queued', t, t,
            jsonb_build_object('fields', jsonb_build_object('email', 'bench-' || i || '@example.com', 'name', 'Bench Lead'), 'formId', 'bench')
     FROM generate_series(1, $2::int) AS i, LATERAL (SELECT $1::timestamptz + i * interval '1 millisecond' AS t) AS at`,
    [new Date(Date.now() - 3_600_000), count, prefix],
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`  filled ${count} leads in ${seconds.toFixed(1)} s`);
  return round(seconds);
}

/** Leads the CRM recorded per window of `windowSeconds`, from `from`. */
function perWindow(sink: DevCrm, from: number, windowSeconds: number, windows: number): number[] {
  const counts = Array.from({ length: windows }, () => 0);
  for (const arrival of sink.arrivals()) {
    const index = Math.floor((arrival.at - from) / (windowSeconds * 1000));
    if (arrival.outcome === 'recorded' && index >= 0 && index < windows)
      counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

async function drainFor(db: SqlClient, crm: DevCrm, env: DeliveryEnv, seconds: number) {
  const errors: string[] = [];
  const worker = createDeliveryWorker({
    db,
    env,
    claimBatch: args.claimBatch,
    log: (line) => void (line.event === 'store.error' && errors.push(line.error)),
  });
  const before = crm.received().length;
  const ticker = setInterval(
    () => process.stdout.write(`  delivered ${crm.received().length - before}\r`),
    2_000,
  );
  const startedAt = Date.now();
  const summary = await worker.run({ timeBudgetMs: seconds * 1000 + 500, whenIdle: 'stop' });
  clearInterval(ticker);
  return { summary, startedAt, errors, remaining: await worker.queue.depth() };
}

const store = await openStore();
const secret = 'bench-drain-secret-at-least-32-characters';
const crm = await startDevCrm({ secret });
const baseEnv = parseEnv(
  DeliveryEnvSchema,
  { CRM_WEBHOOK_URL: crm.webhookUrl, CRM_WEBHOOK_SECRET: secret },
  'bench',
);
console.log(
  `bench:drain · ${store.describe} · backlog ${args.backlog} · Node ${process.version} · ${cpus().length} CPUs`,
);

// 1. Unthrottled: the pace is lifted far above what the machine can do (the env schema caps it
// at 1000/s; the bench goes around it), so the worker, the store and the sink set the limit.
console.log(
  `\n1. unthrottled for ${args.window} s: concurrency ${args.concurrency}, claims of ${args.claimBatch}, pool ${args.pool}`,
);
const fillSeconds = await fill(store, args.backlog, 'fast-');
const fastEnv: DeliveryEnv = {
  ...baseEnv,
  LEADS_DELIVERY_RATE: 1_000_000,
  LEADS_DELIVERY_BURST: 1_000,
  LEADS_DELIVERY_CONCURRENCY: args.concurrency,
};
const fast = await drainFor(store, crm, fastEnv, args.window);
const firstFast = Math.min(...crm.arrivals().map((arrival) => arrival.at));
const [fastCount = 0] = perWindow(crm, firstFast, args.window, 1);
const unthrottled = {
  concurrency: args.concurrency,
  claimBatch: args.claimBatch,
  pool: args.pool,
  windowSeconds: args.window,
  delivered: fastCount,
  leadsPerSecond: round(fastCount / args.window),
  duplicatesAtSink: crm.arrivals().filter((arrival) => arrival.outcome === 'duplicate').length,
  storeErrors: fast.errors.length,
};
console.log(
  `  ${unthrottled.delivered} delivered in ${args.window} s: ${unthrottled.leadsPerSecond} leads/s`,
);

// 2. Paced: a fresh backlog, so the worker never runs dry, at LEADS_DELIVERY_RATE for N windows.
console.log(
  `\n2. LEADS_DELIVERY_RATE=${args.pacedRate} over a ${args.backlog} backlog, ${args.pacedWindows} × ${args.window} s`,
);
await store.query('TRUNCATE leads CASCADE');
await fill(store, args.backlog, 'paced-');
const pacedEnv: DeliveryEnv = { ...baseEnv, LEADS_DELIVERY_RATE: args.pacedRate };
const arrivalsBefore = crm.arrivals().length;
const paced = await drainFor(store, crm, pacedEnv, args.window * args.pacedWindows + 1);
// Measured from the first paced delivery: the full bucket's burst goes out at once, then the pace.
const firstPaced = Math.min(
  ...crm
    .arrivals()
    .slice(arrivalsBefore)
    .map((arrival) => arrival.at),
);
const windows = perWindow(crm, firstPaced, args.window, args.pacedWindows).map((count) =>
  round(count / args.window, 2),
);
const achieved = windows.reduce((sum, rate) => sum + rate, 0) / windows.length;
const pacedResult = {
  configuredRate: args.pacedRate,
  backlog: args.backlog,
  windowSeconds: args.window,
  windows,
  achievedRate: round(achieved, 2),
  deviationPercent: round(((achieved - args.pacedRate) / args.pacedRate) * 100, 2),
  withinFivePercent: windows.every((rate) => Math.abs(rate - args.pacedRate) <= args.pacedRate * 0.05),
  storeErrors: paced.errors.length,
};
console.log(
  `  windows: ${windows.join(' · ')} leads/s (achieved ${pacedResult.achievedRate}, ${pacedResult.deviationPercent} %)`,
);

const report = {
  benchmark: 'drain',
  measuredAt: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  store: store.describe,
  sink: 'dev CRM on 127.0.0.1 in this process (HMAC verification, Idempotency-Key dedup)',
  fill: { leads: args.backlog, seconds: fillSeconds },
  unthrottled,
  paced: pacedResult,
};
await mkdir('bench/results', { recursive: true });
// The default store's figures in drain.json, a real PostgreSQL's beside them.
const file = args.pg ? 'bench/results/drain-postgres.json' : 'bench/results/drain.json';
await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(
  '\nwritten to bench/results/drain.json · targets: unthrottled ≥ 1,000 leads/s, paced within ±5 % per window',
);
await crm.close();
await store.close();
