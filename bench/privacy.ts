/**
 * `npm run bench:privacy [-- --rows 10000,100000] [--inserts 2000] [--pg <url>]`: how a
 * data-subject request finds an address (a sequential scan of `leads`, no index) against what an
 * index on the address would cost every insert of the intake. Per table size: the median export
 * (the lookup statement), one erasure (the one-statement erase), then the intake's own enqueue
 * statement `--inserts` times on one connection without and with an expression index on the
 * e-mail field, and the worker's erasure screen on a claimed batch of 100. Real PostgreSQL (started here, or `--pg`: its `leads` is emptied, never point it at
 * real data). Prints a table; writes bench/results/privacy.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { exportLeadsSql } from '../src/lib/privacy/privacy-sql.ts';
import { eraseSubject } from '../src/lib/privacy/erase-subject.ts';
import { stopErasedLeads } from '../src/lib/privacy/erasure-screen.ts';
import { createPostgresLeadQueue } from '../src/lib/queue/postgres-lead-queue.ts';
import { startRealPostgres } from '../tests/fixtures/real-postgres.ts';
import { bulkLoadLeads, openBenchDatabase } from './lib/bench-database.ts';

const ArgsSchema = z.object({
  rows: z
    .string()
    .default('10000,100000')
    .transform((list) => list.split(',').map(Number))
    .pipe(z.array(z.number().int().min(100).max(5_000_000)).min(1)),
  inserts: z.coerce.number().int().min(100).max(100_000).default(2000),
  pg: z
    .string()
    .regex(/^postgres(ql)?:\/\//, '--pg must be a postgres:// URL')
    .optional(),
});
const { values } = parseArgs({
  options: { rows: { type: 'string' }, inserts: { type: 'string' }, pg: { type: 'string' } },
});
const args = ArgsSchema.parse(values);
const server = args.pg ? undefined : await startRealPostgres();
const url = args.pg ?? server!.url;

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? NaN;
const timed = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};
// The index a lookup by address would need: every insert of the intake would maintain it.
const indexSql = `CREATE INDEX bench_leads_email ON leads (lower(btrim(payload->'fields'->>'email')))`;

const rows = [];
try {
  for (const size of args.rows) {
    const db = await openBenchDatabase(url, 2);
    try {
      await db.query('TRUNCATE privacy_erasures CASCADE');
      await bulkLoadLeads(db, size, Date.now() - 60_000);
      await db.query('ANALYZE leads');
      const address = `lead${Math.ceil(size / 2)}@example.com`;
      const exports: number[] = [];
      for (let i = 0; i < 5; i += 1) exports.push(await timed(() => db.query(exportLeadsSql, [address])));
      const eraseMs = await timed(() =>
        eraseSubject(
          {
            db,
            outbox: undefined,
            secret: 'bench-secret-0123456789abcdef0123456789',
            now: Date.now,
            source: 'cli',
            log: () => {},
          },
          address,
        ),
      );
      const queue = createPostgresLeadQueue({ db, now: Date.now, random: Math.random });
      const insertMs = async (label: string) => {
        const times: number[] = [];
        for (let n = 0; n < args.inserts; n += 1) {
          const receivedAt = Date.now();
          times.push(
            await timed(() =>
              queue.enqueue({
                idempotencyKey: `${label}-${size}-${n}`,
                fingerprint: 'bench',
                receivedAt,
                payload: {
                  formId: 'bench',
                  fields: { email: `${label}${n}@example.com`, firstName: 'Bench' },
                },
              }),
            ),
          );
        }
        return { median: median(times), mean: times.reduce((a, b) => a + b, 0) / times.length };
      };
      const without = await insertMs('plain');
      await db.query(indexSql);
      const withIndex = await insertMs('indexed');
      await db.query('DROP INDEX bench_leads_email');
      // The worker's screen: one statement per claimed batch of 100, against 1,000 tombstones.
      await db.query(
        `INSERT INTO privacy_erasures (id, address_hash, erased_at, removed, source)
         SELECT 'bench-' || g, md5(g::text) || md5(g::text), now(), '{}', 'cli' FROM generate_series(1, 1000) AS g`,
      );
      const screens: number[] = [];
      for (let i = 0; i < 11; i += 1) {
        const claimed = await queue.claim(100, 300_000);
        screens.push(
          await timed(() =>
            stopErasedLeads(
              { db, secret: 'bench-secret-0123456789abcdef0123456789', log: () => {} },
              claimed,
            ),
          ),
        );
        await Promise.all(claimed.map((lead) => queue.release(lead, Date.now() - 60_000)));
      }
      const row = {
        rows: size,
        exportMedianMs: Number(median(exports).toFixed(2)),
        eraseMs: Number(eraseMs.toFixed(2)),
        insertMedianMs: Number(without.median.toFixed(3)),
        insertMeanMs: Number(without.mean.toFixed(3)),
        insertWithIndexMedianMs: Number(withIndex.median.toFixed(3)),
        insertWithIndexMeanMs: Number(withIndex.mean.toFixed(3)),
        screenBatch100MedianMs: Number(median(screens).toFixed(2)),
      };
      rows.push(row);
      console.table([row]);
    } finally {
      await db.close();
    }
  }
} finally {
  await server?.stop();
}

console.log(
  `\nData-subject lookups · PostgreSQL · ${cpus().length} cores · ${args.inserts} enqueues per case`,
);
console.table(rows);
await mkdir('bench/results', { recursive: true });
await writeFile(
  'bench/results/privacy.json',
  `${JSON.stringify({ benchmark: 'privacy', measuredAt: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, inserts: args.inserts, rows }, null, 2)}\n`,
);
console.log('wrote bench/results/privacy.json');
