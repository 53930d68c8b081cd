/**
 * `npm run bench:claim [-- --backlog 100000] [--workers 4] [--batch 50] [--rounds 2] [--prepared] [--pg <url>]`:
 * the queue's claim+ack throughput as issue 20 item 4 states it. Fill the backlog (bulk load), then
 * W workers, each on its own connection, loop the real adapter's claim(batch) (the fair claim across
 * lanes and groups) → ackMany until the queue is empty. Reports leads/s over the drain's own time,
 * claims/s, median claim and ack ms, and checks every loaded id was acked exactly once. Each round
 * runs twice: with the triggers on `leads`, and with the per-state count and ops rollup triggers
 * disabled for the drain, to show what they cost (since migration 0111 one update trigger,
 * `leads_updates`, does both). `--prepared`: the workers send the claim and the ack as named
 * statements (the worker sends them unnamed; since migration 0110 they are calls of database
 * functions whose plans PostgreSQL caches per session either way). Writes bench/results/claim.json
 * (claim-prepared.json with `--prepared`).
 * Default store: Netlify's local emulation (one session: the workers queue up behind each other);
 * `--pg <url>` a real PostgreSQL (its `leads` table is emptied: never point it at real data).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import pg from 'pg';
import { poolClient } from '../src/lib/db/pool-client.ts';
import { claimFairSql } from '../src/lib/queue/lane-sql.ts';
import { ackManySql } from '../src/lib/queue/lead-sql.ts';
import type { SqlClient } from '../src/lib/db/sql-client.ts';
import { createPostgresLeadQueue } from '../src/lib/queue/postgres-lead-queue.ts';
import { bulkLoadLeads, openBenchDatabase } from './lib/bench-database.ts';
import { accountDrain, drainWorker, median } from './lib/claim-drain.ts';

const { values } = parseArgs({
  options: {
    backlog: { type: 'string' },
    workers: { type: 'string' },
    batch: { type: 'string' },
    rounds: { type: 'string' },
    pg: { type: 'string' },
    prepared: { type: 'boolean' },
  },
});
const args = z
  .object({
    backlog: z.coerce.number().int().min(100).max(5_000_000).default(100_000),
    workers: z.coerce.number().int().min(1).max(64).default(4),
    batch: z.coerce.number().int().min(1).max(1_000).default(50),
    rounds: z.coerce.number().int().min(1).max(10).default(2),
    pg: z
      .string()
      .regex(/^postgres(ql)?:\/\//, '--pg must be a postgres:// URL')
      .optional(),
    prepared: z.boolean().default(false),
  })
  .parse(values);

/** The triggers on `leads` that keep the per-state counts and the ops rollups (switched off in the "without" runs). */
const countAndRollupTriggersSql = `SELECT tgname FROM pg_trigger
  WHERE tgrelid = 'leads'::regclass AND NOT tgisinternal AND (tgname LIKE 'leads\\_count\\_%' OR tgname LIKE 'leads\\_ops\\_%' OR tgname = 'leads_updates')
  ORDER BY tgname`;

async function setTriggers(db: SqlClient, names: string[], enabled: boolean) {
  for (const name of names)
    await db.query(`ALTER TABLE leads ${enabled ? 'ENABLE' : 'DISABLE'} TRIGGER ${name}`);
}

const loadedIds = (count: number) =>
  Array.from({ length: count }, (_, i) => `bench-${String(i + 1).padStart(9, '0')}`);

async function round(withTriggers: boolean) {
  const db = await openBenchDatabase(args.pg);
  // One connection per worker, as the delivery worker holds one; named statements only with --prepared.
  const prepared = args.prepared ? [claimFairSql, ackManySql] : [];
  const workers = Array.from({ length: args.workers }, () =>
    poolClient(new pg.Pool({ connectionString: db.url, max: 1 }), 'worker', { prepared }),
  );
  try {
    await bulkLoadLeads(db, args.backlog, Date.now() - 60_000);
    const triggers = (await db.query<{ tgname: string }>(countAndRollupTriggersSql)).rows.map(
      (r) => r.tgname,
    );
    if (!withTriggers) await setTriggers(db, triggers, false);
    await db.query('ANALYZE leads');
    await Promise.all(workers.map((worker) => worker.query('SELECT 1')));
    const started = performance.now();
    const drains = await Promise.all(
      workers.map((worker) =>
        drainWorker(
          createPostgresLeadQueue({ db: worker, now: Date.now, random: Math.random }),
          args.batch,
          () => performance.now(),
        ),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    if (!withTriggers) await setTriggers(db, triggers, true);
    const account = accountDrain(loadedIds(args.backlog), drains);
    const claims = drains.flatMap((d) => d.claimMs);
    return {
      triggers: withTriggers ? 'on' : `off (${triggers.join(', ')})`,
      seconds: Math.round(seconds * 100) / 100,
      leadsPerSecond: Math.round(account.acked / seconds),
      claimsPerSecond: Math.round(claims.length / seconds),
      medianClaimMs: Math.round(median(claims) * 100) / 100,
      medianAckMs: Math.round(median(drains.flatMap((d) => d.ackMs)) * 100) / 100,
      ...account,
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
    // TRUNCATE with the count triggers on also resets the per-state counts.
    await db.query('TRUNCATE leads CASCADE');
    await db.close();
  }
}

const runs: Awaited<ReturnType<typeof round>>[] = [];
for (let i = 0; i < args.rounds; i += 1) {
  runs.push(await round(true));
  runs.push(await round(false));
}
const bad = runs.filter((run) => run.duplicates > 0 || run.lost > 0 || run.unknown > 0);
const best = (on: boolean) =>
  Math.max(...runs.filter((run) => (run.triggers === 'on') === on).map((run) => run.leadsPerSecond));
const result = {
  at: new Date().toISOString(),
  store: args.pg ? 'PostgreSQL (--pg)' : 'Netlify Database emulation (PGlite)',
  backlog: args.backlog,
  workers: args.workers,
  batch: args.batch,
  statements: args.prepared ? 'named (prepared once per connection)' : 'unnamed (as the worker sends them)',
  loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
  bestLeadsPerSecond: { triggersOn: best(true), triggersOff: best(false) },
  runs,
};
console.table(runs.map(({ triggers, ...rest }) => ({ triggers: triggers.slice(0, 3), ...rest })));
console.log(
  `best leads/s: ${JSON.stringify(result.bestLeadsPerSecond)}; load average ${result.loadAverage.join(' ')}`,
);
await mkdir('bench/results', { recursive: true });
await writeFile(
  `bench/results/claim${args.prepared ? '-prepared' : ''}.json`,
  `${JSON.stringify(result, null, 2)}\n`,
);
if (bad.length > 0) {
  console.error('duplicates or lost leads: the queue broke its contract');
  process.exitCode = 1;
}
