/**
 * `npm run bench:queue [-- --backlogs 1000,100000,1000000] [--pg <url>] [--drain-seconds 20]`:
 * the lead queue on Netlify Database. Per backlog: fill it (bulk load), then the median `claim(50)`,
 * the `leads:status` query, and the unthrottled drain into the dev CRM (a loopback HTTP sink that
 * verifies every signature) until it is empty or `--drain-seconds` have passed; its rate is
 * deliveries over the drain's own time (to the last delivery), not over the whole window. Prints a table; writes bench/results/queue.json.
 * Default store: Netlify's local emulation in a temp directory; `--pg <url>` a real PostgreSQL
 * (its `leads` table is emptied: never point it at real data).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createPostgresLeadQueue } from '../src/lib/queue/postgres-lead-queue.ts';
import { bulkLoadLeads, openBenchDatabase } from './lib/bench-database.ts';
const { drainFor } = await import('./lib/drain-for.ts').catch(() => ({ drainFor: undefined as never }));

const ArgsSchema = z.object({
  backlogs: z
    .string()
    .default('1000,100000,1000000')
    .transform((list) => list.split(',').map(Number))
    .pipe(z.array(z.number().int().min(100).max(5_000_000)).min(1)),
  pg: z
    .string()
    .regex(/^postgres(ql)?:\/\//, '--pg must be a postgres:// URL')
    .optional(),
  drainSeconds: z.coerce.number().min(0).max(600).default(20),
});
const { values } = parseArgs({
  options: { backlogs: { type: 'string' }, pg: { type: 'string' }, 'drain-seconds': { type: 'string' } },
});
const args = ArgsSchema.parse({ ...values, drainSeconds: values['drain-seconds'] });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const timed = async <T>(work: () => Promise<T>) => {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
};

const rows = [];
let store = '';
for (const backlog of args.backlogs) {
  const db = await openBenchDatabase(args.pg);
  store = db.describe;
  try {
    const now = Date.now();
    const fill = await timed(() =>
      bulkLoadLeads(db, backlog, now - 60_000, (done) =>
        process.stdout.write(`\rfilling ${done}/${backlog}`),
      ),
    );
    process.stdout.write(`\rfilled ${backlog} in ${(fill.ms / 1000).toFixed(1)} s\n`);
    const queue = createPostgresLeadQueue({ db, now: Date.now, random: Math.random });
    const claims: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      const claim = await timed(() => queue.claim(50, 300_000));
      if (claim.result.length !== 50) throw new Error(`claim ${i} returned ${claim.result.length} leads`);
      claims.push(claim.ms);
      // Hand them back so every claim faces the full backlog.
      await Promise.all(claim.result.map((lead) => queue.release(lead, now - 60_000)));
    }
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await timed(() => queue.status(Date.now()))).ms);
    // `--drain-seconds 0` measures the queue's statements alone.
    const drain =
      args.drainSeconds > 0
        ? await drainFor(db.url, args.drainSeconds, (line) => process.stdout.write(`\r${line}`))
        : { perSecond: NaN, delivered: 0, duplicates: 0, drainSeconds: NaN, emptied: false };
    process.stdout.write('\n');
    const row = {
      backlog,
      fillSeconds: Number((fill.ms / 1000).toFixed(1)),
      claimMedianMs: Number(median(claims).toFixed(2)),
      drainPerSecond: Number(drain.perSecond.toFixed(1)),
      drainDelivered: drain.delivered,
      drainSeconds: Number(drain.drainSeconds.toFixed(2)),
      drainEmptied: drain.emptied,
      drainDuplicatesAtSink: drain.duplicates,
      statusMs: Number(median(statuses).toFixed(1)),
    };
    rows.push(row);
    console.table([row]);
  } finally {
    await db.close();
  }
}

console.log(`\nLead queue · ${store} · ${cpus().length} cores`);
console.table(rows);
const first = rows[0];
const last = rows.at(-1);
if (first && last && rows.length > 1)
  console.log(
    `claim(50) at ${last.backlog} is ${(last.claimMedianMs / first.claimMedianMs).toFixed(2)}× its time at ${first.backlog}`,
  );
await mkdir('bench/results', { recursive: true });
await writeFile(
  'bench/results/queue.json',
  `${JSON.stringify({ benchmark: 'queue', measuredAt: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, store, drainSeconds: args.drainSeconds, rows }, null, 2)}\n`,
);
console.log('wrote bench/results/queue.json');
