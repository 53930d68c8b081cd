/**
 * `npm run bench:outcome-triggers -- --pg <postgres://…/postgres> [--leads 2000]`: what migration
 * 0070's triggers (`leads_ops_sources` on insert, `leads_ops_ttc_exact` on update: the campaign
 * report's sources and exact times to CRM) cost the intake and the worker, on top of 0040's. Two
 * fresh databases on the given server, both fully migrated, one with 0070's two triggers dropped;
 * in each: `--leads` single-lead enqueues on one connection, the same on 8 at once, then claim(50)
 * + ackMany until drained; three alternated rounds, best of each. Also counts the statements the
 * intake sends per lead (the triggers run inside its statement, so it must stay 1). Writes
 * bench/results/outcome-triggers.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { z } from 'zod';
import { migrate } from '../src/lib/db/migrate.ts';
import { poolClient } from '../src/lib/db/pool-client.ts';
import type { SqlClient } from '../src/lib/db/sql-client.ts';
import { createPostgresLeadQueue } from '../src/lib/queue/postgres-lead-queue.ts';

const { values } = parseArgs({ options: { pg: { type: 'string' }, leads: { type: 'string' } } });
const args = z
  .object({
    pg: z
      .string({ error: '--pg <postgres:// URL of a server you may create databases on> is required' })
      .regex(/^postgres(ql)?:\/\//),
    leads: z.coerce.number().int().min(100).max(100_000).default(2_000),
  })
  .parse(values);

async function database(name: string, withTriggers: boolean) {
  const admin = new pg.Client({ connectionString: args.pg });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(args.pg);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.href, max: 8 });
  await migrate(pool);
  if (!withTriggers)
    await pool.query('DROP TRIGGER leads_ops_sources ON leads; DROP TRIGGER leads_ops_ttc_exact ON leads');
  return poolClient(pool, name);
}

async function run(withTriggers: boolean) {
  const db = await database(
    withTriggers ? 'floodgate_bench_outcome_on' : 'floodgate_bench_outcome_off',
    withTriggers,
  );
  let statements = 0;
  const counted: SqlClient = { query: (text, params) => ((statements += 1), db.query(text, params)) };
  const queue = createPostgresLeadQueue({ db: counted, now: Date.now, random: Math.random });
  const lead = (key: string, index: number) => ({
    idempotencyKey: key,
    fingerprint: key,
    receivedAt: Date.now(),
    payload: {
      formId: 'demo',
      locale: index % 2 ? 'en-US' : 'de-DE',
      utm: { utm_source: ['newsletter', 'linkedin', 'ads'][index % 3], utm_campaign: 'launch' },
      fields: { email: 'x@example.com' },
    },
    flow: { lane: 'normal' as const, group: 'launch', formId: 'demo' },
  });
  const perSecond = async (work: () => Promise<unknown>, count: number) => {
    const started = performance.now();
    await work();
    return Math.round((count * 1000) / (performance.now() - started));
  };
  const serial = await perSecond(async () => {
    for (let i = 0; i < args.leads; i += 1) await queue.enqueue(lead(`s${i}`, i));
  }, args.leads);
  const statementsPerLead = statements / args.leads;
  const parallel = await perSecond(
    () =>
      Promise.all(
        Array.from({ length: 8 }, async (_, worker) => {
          for (let i = worker; i < args.leads; i += 8) await queue.enqueue(lead(`p${i}`, i));
        }),
      ),
    args.leads,
  );
  const drained = await perSecond(async () => {
    for (;;) {
      const batch = await queue.claim(50, 60_000);
      if (batch.length === 0) return;
      await queue.ackMany(batch);
    }
  }, 2 * args.leads);
  const size = await db.query<{ bytes: string }>(`SELECT pg_total_relation_size('ops_ttc_exact') AS bytes`);
  await db.close();
  return {
    statementsPerLead,
    enqueuePerSecond1Connection: serial,
    enqueuePerSecond8Connections: parallel,
    claimAckPerSecond: drained,
    ttcExactBytesPerLead: Math.round(Number(size.rows[0]?.bytes ?? 0) / (2 * args.leads)),
  };
}

type Rates = Awaited<ReturnType<typeof run>>;
// Alternated, best of three each: the first run warms the server and the machine is shared.
const best = (runs: Rates[]) =>
  Object.fromEntries(
    Object.keys(runs[0] ?? {}).map((key) => [key, Math.max(...runs.map((r) => r[key as keyof Rates]))]),
  ) as Rates;
const offRuns: Rates[] = [];
const onRuns: Rates[] = [];
for (let round = 0; round < 3; round += 1) {
  offRuns.push(await run(false));
  onRuns.push(await run(true));
}
const without = best(offRuns);
const withTriggers = best(onRuns);
const ratio = (key: keyof Rates) => Math.round((100 * withTriggers[key]) / without[key]) / 100;
const result = {
  at: new Date().toISOString(),
  leads: args.leads,
  note: 'Loaded 2-core machine shared with other jobs; PostgreSQL 15 with fsync=off. Ratios matter more than rates.',
  without0070Triggers: without,
  with0070Triggers: withTriggers,
  ratio: {
    enqueue1Connection: ratio('enqueuePerSecond1Connection'),
    enqueue8Connections: ratio('enqueuePerSecond8Connections'),
    claimAck: ratio('claimAckPerSecond'),
  },
};
console.table({ without: without, with: withTriggers });
console.log(`with/without: ${JSON.stringify(result.ratio)}`);
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/outcome-triggers.json', `${JSON.stringify(result, null, 2)}\n`);
