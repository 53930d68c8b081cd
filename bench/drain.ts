/**
 * `npm run bench:drain [-- --leads 10000 --paced-rate 50 --paced-seconds 60 --concurrency 16]`:
 * queue N leads in a local Blobs server, drain them into the dev CRM (a real HTTP sink on
 * loopback that verifies signatures) as fast as the worker goes, then measure the paced rate over
 * time at LEADS_DELIVERY_RATE=50 (target: within ±5%). Writes bench/results/drain.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { Store } from '@netlify/blobs';
import { BlobsServer } from '@netlify/blobs/server';
import { z } from 'zod';
import { startDevCrm, type DevCrm } from '../scripts/dev-crm/dev-crm.ts';
import { localBlobsStore } from '../scripts/lib/blobs.ts';
import { createDeliveryWorker } from '../src/lib/delivery/delivery-worker.ts';
import type { DeliveryLogLine } from '../src/lib/delivery/delivery-log.ts';
import { parseEnv } from '../src/lib/env/parse-env.ts';
import { leadQueueIn } from '../src/lib/queue/blobs-lead-queue.ts';
import type { LeadQueue } from '../src/lib/queue/lead-queue.ts';
import { DeliveryEnvSchema, type DeliveryEnv } from '../src/schemas/delivery-env.ts';

const ArgsSchema = z.object({
  leads: z.coerce.number().int().min(10).max(100_000).default(10_000),
  pacedRate: z.coerce.number().min(1).max(1_000).default(50),
  pacedSeconds: z.coerce.number().int().min(5).max(600).default(60),
  concurrency: z.coerce.number().int().min(1).max(100).default(16),
});
const { values } = parseArgs({
  options: {
    leads: { type: 'string' },
    'paced-rate': { type: 'string' },
    'paced-seconds': { type: 'string' },
    concurrency: { type: 'string' },
  },
});
const args = ArgsSchema.parse({
  leads: values.leads,
  pacedRate: values['paced-rate'],
  pacedSeconds: values['paced-seconds'],
  concurrency: values.concurrency,
});

const secret = 'bench-drain-secret-at-least-32-characters';
const directory = `bench/tmp/drain-blobs-${process.pid}`;
await rm(directory, { recursive: true, force: true });
const token = randomUUID();
const blobs = new BlobsServer({ directory, token, port: 0 });
const { port } = await blobs.start();
const storeNamed = (name: string): Store =>
  localBlobsStore({ url: `http://127.0.0.1:${port}`, token, siteID: 'bench' }, name);
const crm = await startDevCrm({ secret });
const baseEnv = parseEnv(
  DeliveryEnvSchema,
  { CRM_WEBHOOK_URL: crm.webhookUrl, CRM_WEBHOOK_SECRET: secret },
  'bench',
);

async function enqueue(queue: LeadQueue, count: number, prefix: string) {
  const started = performance.now();
  for (let chunk = 0; chunk < count; chunk += 50) {
    const size = Math.min(50, count - chunk);
    await Promise.all(
      Array.from({ length: size }, (_, offset) =>
        queue.enqueue({
          idempotencyKey: `${prefix}-${chunk + offset}`,
          receivedAt: Date.now(),
          payload: {
            fields: { email: `bench-${chunk + offset}@example.com`, name: 'Bench Lead' },
            formId: 'bench',
          },
        }),
      ),
    );
    if ((chunk + size) % 2_000 === 0) process.stdout.write(`  enqueued ${chunk + size}/${count}\r`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`  enqueued ${count} in ${seconds.toFixed(1)} s (${(count / seconds).toFixed(0)} leads/s)`);
  return { leads: count, seconds: round(seconds), leadsPerSecond: round(count / seconds) };
}

/** Leads the CRM recorded per second from `from`, as a list of counts. */
function perSecond(sink: DevCrm, from: number, seconds: number): number[] {
  const counts = Array.from({ length: seconds }, () => 0);
  for (const arrival of sink.arrivals()) {
    const second = Math.floor((arrival.at - from) / 1000);
    if (arrival.outcome === 'recorded' && second >= 0 && second < seconds)
      counts[second] = (counts[second] ?? 0) + 1;
  }
  return counts;
}

async function drainPhase(store: Store, env: DeliveryEnv, budgetMs: number) {
  const errors: DeliveryLogLine[] = [];
  const worker = createDeliveryWorker({
    store,
    env,
    log: (line) => void (line.event === 'store.error' && errors.push(line)),
  });
  const before = crm.received().length;
  const ticker = setInterval(
    () => process.stdout.write(`  delivered ${crm.received().length - before}\r`),
    2_000,
  );
  const started = Date.now();
  const summary = await worker.run({ timeBudgetMs: budgetMs, whenIdle: 'stop' });
  clearInterval(ticker);
  return { summary, started, errors: errors.length, remaining: await worker.queue.depth() };
}

const round = (value: number) => Math.round(value * 10) / 10;

console.log(`bench:drain · ${args.leads} leads · Node ${process.version} · ${cpus().length} CPUs`);

// 1. Unthrottled: the pace is lifted far above what the machine can do, so the worker and the
// store set the limit. (The env schema caps LEADS_DELIVERY_RATE at 1000/s; the bench goes around it.)
console.log(`\n1. unthrottled, concurrency ${args.concurrency}`);
const fastStore = storeNamed('bench-unthrottled');
const enqueued = await enqueue(leadQueueIn(fastStore), args.leads, 'fast');
const fastEnv: DeliveryEnv = {
  ...baseEnv,
  LEADS_DELIVERY_RATE: 1_000_000,
  LEADS_DELIVERY_BURST: 1_000,
  LEADS_DELIVERY_CONCURRENCY: args.concurrency,
};
const fast = await drainPhase(fastStore, fastEnv, 3_600_000);
const fastArrivals = crm.arrivals().filter((arrival) => arrival.outcome === 'recorded');
const fastFirst = Math.min(...fastArrivals.map((arrival) => arrival.at));
const fastLast = Math.max(...fastArrivals.map((arrival) => arrival.at));
const fastSeconds = (fastLast - fastFirst) / 1000;
const unthrottled = {
  delivered: fast.summary.delivered,
  duplicatesAtSink: crm.arrivals().filter((arrival) => arrival.outcome === 'duplicate').length,
  remaining: fast.remaining,
  storeErrors: fast.errors,
  seconds: round(fastSeconds),
  leadsPerSecond: round(fast.summary.delivered / fastSeconds),
  wallSecondsIncludingJoin: round(fast.summary.elapsedMs / 1000),
};
console.log(
  `  ${unthrottled.delivered} delivered in ${unthrottled.seconds} s: ${unthrottled.leadsPerSecond} leads/s`,
);

// 2. Paced: enough leads that the worker never runs dry, for `pacedSeconds` at `pacedRate`.
console.log(`\n2. LEADS_DELIVERY_RATE=${args.pacedRate} for ${args.pacedSeconds} s (default concurrency 4)`);
const pacedStore = storeNamed('bench-paced');
await enqueue(leadQueueIn(pacedStore), Math.ceil(args.pacedRate * args.pacedSeconds * 1.2), 'paced');
const pacedEnv: DeliveryEnv = { ...baseEnv, LEADS_DELIVERY_RATE: args.pacedRate };
const pacedBefore = crm.arrivals().length;
// The budget covers the one-second join; the window is measured from the first delivery.
const paced = await drainPhase(pacedStore, pacedEnv, args.pacedSeconds * 1000 + 1_500);
const pacedFirst = Math.min(
  ...crm
    .arrivals()
    .slice(pacedBefore)
    .map((arrival) => arrival.at),
);
const seconds = perSecond(crm, pacedFirst, args.pacedSeconds);
const windows = [];
for (let start = 0; start < seconds.length; start += 10) {
  const slice = seconds.slice(start, start + 10);
  const rate = slice.reduce((sum, count) => sum + count, 0) / slice.length;
  windows.push({ fromSecond: start, toSecond: start + slice.length, leadsPerSecond: round(rate) });
}
const achieved = seconds.reduce((sum, count) => sum + count, 0) / seconds.length;
const pacedResult = {
  configuredRate: args.pacedRate,
  seconds: args.pacedSeconds,
  delivered: paced.summary.delivered,
  achievedRate: round(achieved * 100) / 100,
  deviationPercent: round(((achieved - args.pacedRate) / args.pacedRate) * 100),
  withinFivePercent: Math.abs(achieved - args.pacedRate) <= args.pacedRate * 0.05,
  slowestSecond: Math.min(...seconds),
  fastestSecond: Math.max(...seconds),
  windows,
  perSecond: seconds,
};

console.log('\nunthrottled');
console.table([{ enqueueLeadsPerSecond: enqueued.leadsPerSecond, ...unthrottled }]);
console.log(
  `paced at ${args.pacedRate}/s: achieved ${pacedResult.achievedRate}/s (${pacedResult.deviationPercent}%)`,
);
console.table(windows);

const report = {
  benchmark: 'drain',
  measuredAt: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  sink: 'dev CRM on 127.0.0.1 (HMAC verification, Idempotency-Key dedup), local Blobs server',
  enqueue: enqueued,
  unthrottled: { concurrency: args.concurrency, ...unthrottled },
  paced: pacedResult,
};
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/drain.json', `${JSON.stringify(report, null, 2)}\n`);
console.log('written to bench/results/drain.json · target: paced rate within ±5%');

await crm.close();
await blobs.stop();
await rm(directory, { recursive: true, force: true });
