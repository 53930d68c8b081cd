/**
 * `npm run bench:leads`: throughput and latency of POST /api/leads on this machine, in phases, each
 * in the same run: the bare-server ceiling (a plain Node server answering 202), the lead logic with
 * no store, the endpoint at its maximum, the endpoint at half that rate (paced, open loop), the
 * database's own single-row insert rate into `leads` (with and without the count triggers), and a
 * burst of distinct leads that must all be stored exactly once. Round trips per lead are counted in
 * the server; statements per lead come from `pg_stat_statements` where the server loads it.
 * Needs a built site (`npm run build`). Options:
 *   --duration 10      seconds per throughput phase
 *   --connections 50   concurrent connections in the throughput phases
 *   --burst 100000     leads in the burst (sent with 100 connections)
 *   --form newsletter  post to the double opt-in form instead of the demo request (results in
 *                      bench/results/leads-double-opt-in.json)
 *   --pg <url>         a real PostgreSQL instead of Netlify Database's local emulation (its `leads`
 *                      table is emptied: never point it at real data)
 *   --drainer          LEADS_DELIVERY_CONTINUOUS=true and a dev CRM: queued leads wake the
 *                      background drainer, which delivers while the intake is measured
 *   --db-outage-seconds 30   only the outage phase (bench/lib/outage-phase.ts): the database cut
 *                      off mid-stream; its `outage` figures are merged into bench/results/leads.json
 * `DATABASE_POOL_MAX` in the environment sets the server's pool (src/lib/db/connect.ts);
 * `DATABASE_PREPARED_STATEMENTS=true` sends the enqueue as a named prepared statement (with --pg).
 */
import { benchLeadBody } from './lib/bench-lead.ts';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { z } from 'zod';
import { startDevCrm } from '../scripts/dev-crm/dev-crm.ts';
import { connectToUrl } from '../scripts/lib/local-database.ts';
import { startServerProcess, type ServerProcess } from '../scripts/lib/server-process.ts';
import { startBareServer } from './lib/bare-process.ts';
import { measureInsertRate, withoutCountTriggers } from './lib/insert-rate.ts';
import { pacedLoad, type PacedResult } from './lib/paced-load.ts';
import { statementCounter } from './lib/statement-counts.ts';
import { defaultFormRulesFile } from '../src/lib/leads/form-rules-source.ts';

const ArgsSchema = z.object({
  duration: z.coerce.number().int().min(1),
  connections: z.coerce.number().int().min(1),
  burst: z.coerce.number().int().min(1),
  drainer: z.boolean(),
  pg: z
    .string()
    .regex(/^postgres(ql)?:\/\//, '--pg must be a postgres:// URL')
    .optional(),
  form: z.enum(['demo-request', 'newsletter']),
});
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    burst: { type: 'string', default: '100000' },
    pg: { type: 'string' },
    // The drainer wake-up on (LEADS_DELIVERY_CONTINUOUS=true), as a deploy runs it, with no CRM.
    drainer: { type: 'boolean', default: false },
    'db-outage-seconds': { type: 'string' },
    form: { type: 'string', default: 'demo-request' },
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

// With `--drainer`, a CRM for the drainer the intake wakes (a drainer without one delivers nothing).
const crmSecret = 'bench-leads-crm-secret-at-least-32-characters';
const crm = args.drainer ? await startDevCrm({ secret: crmSecret }) : undefined;

// --- the server under test, in its own process ----------------------------------------------
/** Start a bench server with an empty database of its own; stop() removes it. */
async function startServer(): Promise<ServerProcess> {
  const directory = await mkdtemp(join(tmpdir(), 'floodgate-bench-leads-'));
  if (args.pg) {
    const db = connectToUrl(args.pg, { describe: '--pg' });
    await db.query('TRUNCATE leads CASCADE').catch(() => undefined);
    await db.close();
  }
  const server = await startServerProcess('bench/lib/leads-server.ts', join(directory, 'db'), {
    ...process.env,
    ...(args.pg ? { BENCH_DB_URL: args.pg } : {}),
    // One machine posts everything: lift the per-IP limit; a script "types" instantly: lift the fill time.
    LEADS_RATE_LIMIT_PER_MINUTE: '999999999',
    LEADS_MIN_FILL_MS: '1',
    // The intake alone, as `npm run serve -- --no-worker`; `--drainer` measures it while queued
    // leads wake the background drainer, which delivers to a dev CRM in this process.
    LEADS_DELIVERY_CONTINUOUS: args.drainer ? 'true' : 'false',
    ...(crm ? { CRM_WEBHOOK_URL: crm.webhookUrl, CRM_WEBHOOK_SECRET: crmSecret } : {}),
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
  return benchLeadBody({ email: `bench-${sequence}@example.com`, utmSource: 'bench', form: args.form });
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
    requestsPerSecond: Math.round(result.requests.total / result.duration),
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

/** Rows in `leads` on the server's database. */
async function countRows(server: ServerProcess): Promise<number> {
  const db = connectToUrl(server.database.url, { describe: 'bench' });
  try {
    return (await db.query<{ rows: number }>('SELECT count(*)::int AS rows FROM leads')).rows[0]?.rows ?? 0;
  } finally {
    await db.close();
  }
}

/**
 * How many of `ids` the server's database holds, in whatever state (a lead the `--drainer` already
 * delivered is `done`, not lost; shared rule: never a fixed list of states), how many of those
 * were delivered already, and how many rows it holds in all.
 */
async function countStored(
  server: ServerProcess,
  ids: string[],
): Promise<{ found: number; delivered: number; rows: number }> {
  const db = connectToUrl(server.database.url, { describe: 'bench' });
  try {
    let found = 0;
    let delivered = 0;
    for (let start = 0; start < ids.length; start += 10_000) {
      const { rows } = await db.query<{ found: number; delivered: number }>(
        `SELECT count(*)::int AS found, (count(*) FILTER (WHERE state = 'done'))::int AS delivered
         FROM leads WHERE id = ANY($1)`,
        [ids.slice(start, start + 10_000)],
      );
      found += rows[0]?.found ?? 0;
      delivered += rows[0]?.delivered ?? 0;
    }
    const { rows } = await db.query<{ rows: number }>('SELECT count(*)::int AS rows FROM leads');
    return { found, delivered, rows: rows[0]?.rows ?? 0 };
  } finally {
    await db.close();
  }
}

const pick = ({ requestsPerSecond, p50Ms, p99Ms }: PhaseResult | PacedResult) => ({
  requestsPerSecond,
  p50Ms,
  p99Ms,
});
const jsonHeaders = (origin: string) => ({ 'content-type': 'application/json', origin });

/** Ready means answering a real lead: poll single posts until one is accepted, then warm up. */
async function waitUntilAccepting(origin: string, timeoutMs = 120_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const answer = await fetch(`${origin}/api/leads`, {
      method: 'POST',
      headers: jsonHeaders(origin),
      body: leadBody(),
    }).catch(() => undefined);
    if (answer?.status === 202) return Math.round(performance.now() - started);
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`the server did not accept a lead within ${timeoutMs / 1000} s`);
}

/** Statements the server process sent: all of them, and the lead function's own (bench/lib/leads-server.ts). */
async function roundTrips(origin: string): Promise<{ all: number; intake: number }> {
  const answer = await fetch(`${origin}/__bench/round-trips`);
  const counted = (await answer.json()) as { roundTrips: number; intakeRoundTrips: number };
  return { all: counted.roundTrips, intake: counted.intakeRoundTrips };
}

/**
 * Wait until the lead function sends nothing more: autocannon stops with requests still queued in
 * the server, whose statements would otherwise be counted without their rows (1.02 "round trips"
 * per lead that were a boundary effect, not a second statement).
 */
async function intakeSettled(origin: string, quietMs = 300, timeoutMs = 10_000): Promise<void> {
  const started = performance.now();
  let last = (await roundTrips(origin)).intake;
  while (performance.now() - started < timeoutMs) {
    await new Promise((done) => setTimeout(done, quietMs));
    const now = (await roundTrips(origin)).intake;
    if (now === last) return;
    last = now;
  }
}

/** Open-loop phase at `rate` requests/s on `path` (pacing.ts): the rate asked is the rate sent. */
async function pacedPhase(origin: string, name: string, path: string, rate: number): Promise<PacedResult> {
  process.stdout.write(`${name} ... `);
  const result = await pacedLoad({
    url: `${origin}${path}`,
    ratePerSecond: rate,
    seconds: args.duration,
    connections: args.connections,
    body: leadBody,
    headers: jsonHeaders(origin),
  });
  console.log(
    `asked ${rate}/s, got ${result.requestsPerSecond}/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`,
  );
  return result;
}

// --- phases ----------------------------------------------------------------------------------
// Each phase is a function of what the phases before it found; a new one (e.g. a database outage)
// is one more entry here and one more field in the report.

/** The machine's HTTP ceiling: a plain Node server answering 202, no project code. */
async function bareCeilingPhase() {
  const bare = await startBareServer();
  try {
    await phase(bare.url, 'warm-up (bare server)', '/', { duration: 2, connections: 10 });
    return await phase(bare.url, 'bare Node server (constant 202)', '/', {});
  } finally {
    await bare.stop();
  }
}

/** The intake's rates and latencies on one server, and what the database does on its own. */
async function intakePhases(server: ServerProcess) {
  const readyMs = await waitUntilAccepting(server.url);
  console.log(`server accepting leads ${readyMs} ms after it listened`);
  await phase(server.url, 'warm-up', '/api/leads', { duration: 3, connections: 10 });
  await phase(server.url, 'warm-up (no store)', '/__bench/leads-memory', { duration: 2, connections: 10 });
  const memory = await phase(server.url, 'lead logic, no store', '/__bench/leads-memory', {});
  const statements = args.pg ? await statementCounter(args.pg) : undefined;
  await statements?.reset();
  const tripsBefore = await roundTrips(server.url);
  const rowsBefore = await countRows(server);
  const endpoint = await phase(server.url, 'POST /api/leads (max)', '/api/leads', {});
  const accepted = endpoint.statuses['202'] ?? 0;
  await intakeSettled(server.url);
  // Leads stored during the phase, answered in it or not: the denominator of the per-lead counts.
  const storedInPhase = (await countRows(server)) - rowsBefore;
  const tripsAfter = await roundTrips(server.url);
  const counted = await statements?.read();
  await statements?.close();
  const perLead = (count: number) => (storedInPhase > 0 ? +(count / storedInPhase).toFixed(2) : undefined);
  const halfRate = Math.max(1, Math.round(endpoint.requestsPerSecond / 2));
  const half = await pacedPhase(server.url, `POST /api/leads at ${halfRate} req/s`, '/api/leads', halfRate);
  const insertOptions = { clients: args.connections, seconds: Math.min(args.duration, 5) };
  process.stdout.write('database single-row inserts into leads ... ');
  const inserts = await measureInsertRate(server.database.url, insertOptions);
  const insertsBare = await withoutCountTriggers(server.database.url, () =>
    measureInsertRate(server.database.url, insertOptions),
  );
  console.log(`${inserts.rowsPerSecond}/s (${insertsBare.rowsPerSecond}/s without the count triggers)`);
  return {
    readyMs,
    memory,
    endpoint,
    half,
    perLead: {
      accepted,
      stored: storedInPhase,
      // The intake's own statements (the lead function's); the process also runs the drainer the
      // intake wakes (--drainer), whose claims and acks are counted apart, in `otherRoundTrips`.
      roundTrips: perLead(tripsAfter.intake - tripsBefore.intake),
      otherRoundTrips: perLead(tripsAfter.all - tripsBefore.all - (tripsAfter.intake - tripsBefore.intake)),
      statements: counted && perLead(counted.all),
      topLevelStatements: counted && perLead(counted.topLevel),
      topStatements: counted?.top,
    },
    insertRate: { withCountTriggers: inserts, withoutCountTriggers: insertsBare },
  };
}

/** A burst on a fresh server and an empty store: every distinct lead must be stored once. */
async function burstPhase(server: ServerProcess) {
  await waitUntilAccepting(server.url);
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
  console.log('done');
  return {
    phase: burst,
    report: {
      store: args.pg ? 'PostgreSQL (--pg)' : 'Netlify Database emulation',
      sent: args.burst,
      accepted,
      // The readiness probe's lead is stored too.
      stored: stored.rows,
      // Accepted ids the database does not hold (in any state: delivered ones count as kept).
      lost: distinctIds.length - stored.found,
      // Of those kept, already delivered to the dev CRM by the woken drainer (--drainer).
      deliveredDuringBurst: stored.delivered,
      // Two answers with one id, or more rows than leads sent (+1: the readiness probe). A lead
      // answered 503 may still be stored (its write landed after the deadline): the page retries it
      // with the same key, so it is one lead, counted apart.
      duplicates: accepted - distinctIds.length + Math.max(0, stored.rows - args.burst - 1),
      storedAfter503: Math.max(0, stored.rows - distinctIds.length - 1),
      seconds: +absorbSeconds.toFixed(1),
      leadsPerSecond: Math.round(accepted / absorbSeconds),
    },
  };
}

async function onServer<T>(work: (server: ServerProcess) => Promise<T>): Promise<T> {
  const server = await startServer();
  try {
    return await work(server);
  } finally {
    await server.stop();
  }
}

const bare = await bareCeilingPhase();
const intake = await onServer(intakePhases);
const burst = await onServer(burstPhase);

const { endpoint, half, memory, insertRate, perLead } = intake;
const dbRate = insertRate.withCountTriggers.rowsPerSecond;
const intakeVsDatabaseTarget = args.pg ? 0.6 : 0.8;
console.table([bare, memory, endpoint].map(({ statuses: _, ...row }) => row));
console.table([{ phase: 'POST /api/leads, paced', ...half, statuses: undefined }]);
console.table([burst.report]);
const verdicts = {
  intakeVsBareServer: +(endpoint.requestsPerSecond / bare.requestsPerSecond).toFixed(3),
  intakeVsDatabaseInserts: +(endpoint.requestsPerSecond / dbRate).toFixed(2),
  intakeVsDatabaseTarget,
  intakeVsDatabaseTargetMet: endpoint.requestsPerSecond >= intakeVsDatabaseTarget * dbRate,
  countTriggersInsertRatio: +(dbRate / insertRate.withoutCountTriggers.rowsPerSecond).toFixed(2),
  oneRoundTripPerLead: perLead.roundTrips !== undefined && perLead.roundTrips <= 1.01,
  pacedRateHeld: Math.abs(half.requestsPerSecond - half.askedPerSecond) <= 0.05 * half.askedPerSecond,
  p99AtHalfRateTargetMet: half.p99Ms <= 50,
  noLeadLost: burst.report.lost === 0,
  noDuplicates: burst.report.duplicates === 0,
};
console.log({ perLead, insertRate, verdicts });
const report = {
  benchmark: 'leads',
  measuredAt: new Date().toISOString(),
  machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, loadAverage: loadavg() },
  settings: {
    ...args,
    pg: args.pg ? 'given' : undefined,
    poolMax: process.env.DATABASE_POOL_MAX ?? 'default',
    // The enqueue as a named prepared statement (src/schemas/database-env.ts); real PostgreSQL only.
    // (the local server never uses them on the emulation: scripts/lib/local-server.ts).
    preparedStatements: Boolean(args.pg) && process.env.DATABASE_PREPARED_STATEMENTS === 'true',
  },
  store: args.pg ? 'PostgreSQL (--pg)' : 'Netlify Database emulation (@netlify/database-dev)',
  serverReadyAfterMs: intake.readyMs,
  bareServer: pick(bare),
  logicNoStore: pick(memory),
  endpoint: pick(endpoint),
  halfRate: { askedPerSecond: half.askedPerSecond, ...pick(half) },
  perLead,
  databaseInsertRate: insertRate,
  burst: burst.report,
  verdicts,
  // With --drainer: what the woken drainer delivered to the dev CRM during the run.
  drainer: crm ? { crmCalls: crm.arrivals().length } : undefined,
  phases: [bare, memory, endpoint, half, burst.phase],
};
await mkdir('bench/results', { recursive: true });
// The double opt-in run has a file of its own, so the demo form's figures stay comparable run to run.
const resultsFile =
  args.form === 'newsletter' ? 'bench/results/leads-double-opt-in.json' : 'bench/results/leads.json';
await writeFile(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
console.log(`written to ${resultsFile}`);
await crm?.close();
