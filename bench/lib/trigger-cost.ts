/**
 * What a set of statement-level triggers costs the intake and the worker, for the trigger benches
 * (`bench:ops-triggers`, `bench:outcome-triggers`). Two fresh databases on the given server, both
 * fully migrated, one with the triggers dropped; in each: `leads` single-lead enqueues on one
 * connection, the same on 8 at once, then claim(50) + ackMany until drained; three alternated
 * rounds, best of each (the first run warms the server, and the machine may be shared). Also counts
 * the statements the intake sends per lead: triggers run inside its statement, so it stays 1.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { z } from 'zod';
import { migrate } from '../../src/lib/db/migrate.ts';
import { poolClient } from '../../src/lib/db/pool-client.ts';
import type { SqlClient } from '../../src/lib/db/sql-client.ts';
import type { QueuedLead } from '../../src/lib/queue/lead-queue.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';

export interface TriggerBench {
  /** Names the two databases: `floodgate_bench_<name>_on|off`. */
  name: string;
  /** Drops the triggers being measured. */
  dropTriggersSql: string;
  lead: (key: string, index: number) => Omit<QueuedLead, 'id'>;
  /** Figures read after the drain (e.g. a table's size per lead). */
  extra?: (db: SqlClient, leadsStored: number) => Promise<Record<string, number>>;
}

type Rates = Record<string, number>;

/** `--pg <postgres:// URL of a server you may create databases on> [--leads N]`. */
export function triggerBenchArgs() {
  const { values } = parseArgs({ options: { pg: { type: 'string' }, leads: { type: 'string' } } });
  return z
    .object({
      pg: z
        .string({ error: '--pg <postgres:// URL of a server you may create databases on> is required' })
        .regex(/^postgres(ql)?:\/\//),
      leads: z.coerce.number().int().min(100).max(100_000).default(2_000),
    })
    .parse(values);
}

async function database(serverUrl: string, name: string, dropTriggersSql: string | undefined) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.href, max: 8 });
  await migrate(pool);
  if (dropTriggersSql) await pool.query(dropTriggersSql);
  return poolClient(pool, name);
}

const perSecond = async (work: () => Promise<unknown>, count: number) => {
  const started = performance.now();
  await work();
  return Math.round((count * 1000) / (performance.now() - started));
};

async function run(bench: TriggerBench, serverUrl: string, leads: number, withTriggers: boolean) {
  const name = `floodgate_bench_${bench.name}_${withTriggers ? 'on' : 'off'}`;
  const db = await database(serverUrl, name, withTriggers ? undefined : bench.dropTriggersSql);
  let statements = 0;
  const counted: SqlClient = { query: (text, params) => ((statements += 1), db.query(text, params)) };
  const queue = createPostgresLeadQueue({ db: counted, now: Date.now, random: Math.random });
  const serial = await perSecond(async () => {
    for (let i = 0; i < leads; i += 1) await queue.enqueue(bench.lead(`s${i}`, i));
  }, leads);
  const statementsPerLead = statements / leads;
  const parallel = await perSecond(
    () =>
      Promise.all(
        Array.from({ length: 8 }, async (_, worker) => {
          for (let i = worker; i < leads; i += 8) await queue.enqueue(bench.lead(`p${i}`, i));
        }),
      ),
    leads,
  );
  const drained = await perSecond(async () => {
    for (;;) {
      const batch = await queue.claim(50, 60_000);
      if (batch.length === 0) return;
      await queue.ackMany(batch);
    }
  }, 2 * leads);
  const extra = (await bench.extra?.(db, 2 * leads)) ?? {};
  await db.close();
  return {
    statementsPerLead,
    enqueuePerSecond1Connection: serial,
    enqueuePerSecond8Connections: parallel,
    claimAckPerSecond: drained,
    ...extra,
  } satisfies Rates;
}

const best = (runs: Rates[]): Rates =>
  Object.fromEntries(
    Object.keys(runs[0] ?? {}).map((key) => [key, Math.max(...runs.map((r) => r[key] ?? 0))]),
  );

/** Measures with and without the triggers, prints both and the ratios, writes `bench/results/<file>`. */
export async function compareTriggers(
  bench: TriggerBench,
  labels: { without: string; with: string; file: string },
) {
  const args = triggerBenchArgs();
  const offRuns: Rates[] = [];
  const onRuns: Rates[] = [];
  for (let round = 0; round < 3; round += 1) {
    offRuns.push(await run(bench, args.pg, args.leads, false));
    onRuns.push(await run(bench, args.pg, args.leads, true));
  }
  const without = best(offRuns);
  const withTriggers = best(onRuns);
  const ratio = (key: string) => Math.round((100 * (withTriggers[key] ?? 0)) / (without[key] ?? 1)) / 100;
  const result = {
    at: new Date().toISOString(),
    leads: args.leads,
    note: 'PostgreSQL 15 with fsync=off, on a 2-core machine that may be shared. Ratios matter more than rates.',
    [labels.without]: without,
    [labels.with]: withTriggers,
    ratio: {
      enqueue1Connection: ratio('enqueuePerSecond1Connection'),
      enqueue8Connections: ratio('enqueuePerSecond8Connections'),
      claimAck: ratio('claimAckPerSecond'),
    },
  };
  console.table({ without, with: withTriggers });
  console.log(`with/without: ${JSON.stringify(result.ratio)}`);
  await mkdir('bench/results', { recursive: true });
  await writeFile(`bench/results/${labels.file}`, `${JSON.stringify(result, null, 2)}\n`);
}
