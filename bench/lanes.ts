/**
 * `npm run bench:lanes -- [--bulk N] [--urgent N] [--pace N] [--crm-latency-ms N] [--campaign-seconds N] [--cap N] [--pg <url>] [--crm-in-process]`:
 * lanes and fair share through the real worker, the real queue and the dev CRM on loopback. The CRM
 * runs in its own process (it is another machine in reality; at 2,000 calls/s its HTTP server and
 * HMAC checks would take the worker's event loop); `--crm-in-process` runs it in this one (A/B).
 *   1. A bulk flood is queued (the bulk lane); urgent leads arrive while it drains, through the
 *      intake's own enqueue. How long each urgent lead waits for the CRM, against what it waited
 *      before lanes (behind the whole flood: bulk / pace).
 *   2. Two campaigns are backlogged together, the first queued entirely before the second: each
 *      one's share of the CRM's deliveries per 10-second window while both wait, and the pace held.
 *   3. Launch tickets: campaigns weighted 3 and 1 and a third capped at `--cap` leads/s, backlogged
 *      together: the weighted ones' parts per 10 s window (target 75 / 25), the capped one's
 *      deliveries per second (bench/lib/ticket-phase.ts).
 *   4. The claim's cost: backlog 1k → `--cost-backlog`, waiting campaigns 1 → 100.
 * Writes bench/results/lanes.json. Default store: the emulation; `--pg` a real PostgreSQL (emptied).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createDeliveryWorker } from '../src/lib/delivery/delivery-worker.ts';
import { parseEnv } from '../src/lib/env/parse-env.ts';
import { createPostgresLeadQueue } from '../src/lib/queue/postgres-lead-queue.ts';
import { DeliveryEnvSchema, type DeliveryEnv } from '../src/schemas/delivery-env.ts';
import { openBenchDatabase } from './lib/bench-database.ts';
import { claimCost } from './lib/claim-cost.ts';
import { fillFlow, percentile, round } from './lib/lane-flows.ts';
import { accountPace } from './lib/pace-windows.ts';
import { forkDevCrm, inProcessDevCrm } from './lib/remote-crm.ts';
import { ticketPhase } from './lib/ticket-phase.ts';

const names = [
  'bulk',
  'urgent',
  'pace',
  'crm-latency-ms',
  'campaign-seconds',
  'cost-backlog',
  'cap',
  'pg',
] as const;
const { values } = parseArgs({
  options: {
    ...(Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])) as Record<
      (typeof names)[number],
      { type: 'string' }
    >),
    'crm-in-process': { type: 'boolean' },
  },
});
const crmInProcess = values['crm-in-process'] === true;
const args = z
  .object({
    bulk: z.coerce.number().int().min(100).max(2_000_000).default(100_000),
    urgent: z.coerce.number().int().min(1).max(10_000).default(100),
    pace: z.coerce.number().min(1).max(20_000).default(200),
    crmLatencyMs: z.coerce.number().int().min(0).max(5_000).default(20),
    campaignSeconds: z.coerce.number().int().min(10).max(600).default(30),
    costBacklog: z.coerce.number().int().min(1_000).max(2_000_000).default(100_000),
    // The capped campaign's leads/s in the ticket phase; default a tenth of the pace.
    cap: z.coerce.number().positive().max(100_000).optional(),
    pg: z.url().optional(),
  })
  .parse({
    ...values,
    crmLatencyMs: values['crm-latency-ms'],
    campaignSeconds: values['campaign-seconds'],
    costBacklog: values['cost-backlog'],
  });

const store = await openBenchDatabase(args.pg, 8);
const secret = 'bench-lanes-secret-at-least-32-characters';
const crm = await (crmInProcess ? inProcessDevCrm : forkDevCrm)(secret, args.crmLatencyMs);
// In-flight calls sized by the work (pace × latency, with room), around the env schema's caps.
const concurrency = Math.min(1_000, Math.ceil((args.pace * (args.crmLatencyMs + 20)) / 1000) * 2 + 4);
const env: DeliveryEnv = {
  ...parseEnv(DeliveryEnvSchema, { CRM_WEBHOOK_URL: crm.webhookUrl, CRM_WEBHOOK_SECRET: secret }, 'bench'),
  LEADS_DELIVERY_RATE: args.pace,
  // A tenth of a second of pace: a worker whose turn comes late (a busy event loop) loses the tokens
  // that overflow the bucket meanwhile; 50 ms lost several % at 2,000/s (docs/delivery.md, Pacing).
  LEADS_DELIVERY_BURST: Math.max(1, Math.ceil(args.pace / 10)),
  LEADS_DELIVERY_CONCURRENCY: concurrency,
};
// A circuit a previous run left open (its CRM timed out) would bar this run for its cool-down.
await store.query(
  `UPDATE delivery_circuit SET state = 'closed', failures = 0, opened_at = NULL, until = NULL, probe_token = NULL`,
);
const queue = createPostgresLeadQueue({ db: store, now: Date.now, random: Math.random });
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const recorded = () => crm.arrivals().filter((arrival) => arrival.outcome === 'recorded');
const log = (line: string) => console.log(line);
log(
  `bench:lanes · ${store.describe} · pace ${args.pace}/s · CRM ${args.crmLatencyMs} ms (${crmInProcess ? 'in this process' : 'own process'}) · ${cpus().length} CPUs`,
);

/** The worker draining until `done()` says so (or `maxSeconds`). */
async function drainUntil(done: () => boolean, maxSeconds: number) {
  const worker = createDeliveryWorker({ db: store, env, log: () => {} });
  const stopAt = Date.now() + maxSeconds * 1000;
  const summary = await worker.run({
    timeBudgetMs: maxSeconds * 1000,
    whenIdle: { pollMs: 20 },
    shouldStop: () => done() || Date.now() > stopAt,
  });
  // Every call the worker made has been answered: have all of them in `crm.arrivals()`.
  await crm.sync();
  return summary;
}

// 1. Urgent leads behind a bulk flood.
await store.query('TRUNCATE leads, lead_flows, lead_pauses, lead_groups CASCADE');
await fillFlow(
  store,
  'bulk-',
  args.bulk,
  { lane: 'bulk', group: 'form:newsletter', formId: 'newsletter' },
  Date.now(),
);
log(
  `\n1. ${args.bulk} bulk queued; ${args.urgent} urgent arriving over ${Math.ceil(args.urgent / 10)} s while it drains`,
);
const sentAt = new Map<string, number>();
const urgentDelivered = () => recorded().filter((arrival) => sentAt.has(arrival.idempotencyKey));
const arriving = (async () => {
  await sleep(2_000);
  for (let i = 0; i < args.urgent; i += 1) {
    const receivedAt = Date.now();
    const lead = { idempotencyKey: `urgent-${i}`, fingerprint: `urgent-${i}`, receivedAt };
    const payload = { formId: 'demo-request', fields: { email: `urgent-${i}@example.com` } };
    const flow = { lane: 'urgent', group: 'form:demo-request', formId: 'demo-request' } as const;
    const { id } = await queue.enqueue({ ...lead, payload, flow });
    sentAt.set(id, receivedAt);
    await sleep(100);
  }
})();
const phaseOneStart = Date.now();
await drainUntil(
  () => sentAt.size === args.urgent && urgentDelivered().length >= args.urgent,
  120 + args.urgent / 10,
);
await arriving;
const waits = urgentDelivered().map(
  (arrival) => (arrival.at - (sentAt.get(arrival.idempotencyKey) ?? 0)) / 1000,
);
const bulkDelivered = recorded().filter((arrival) => arrival.idempotencyKey.startsWith('bulk-')).length;
const urgent = {
  count: args.urgent,
  delivered: waits.length,
  p50Seconds: round(percentile(waits, 0.5)),
  p95Seconds: round(percentile(waits, 0.95)),
  maxSeconds: round(Math.max(0, ...waits)),
  bulkDeliveredMeanwhile: bulkDelivered,
  // Before lanes the claim was first in first out: an urgent lead waited for the flood ahead of it.
  beforeLanesExpectedSeconds: round(Math.max(0, args.bulk - args.pace * 2) / args.pace, 0),
};
log(
  `  urgent p50 ${urgent.p50Seconds} s · p95 ${urgent.p95Seconds} s · max ${urgent.maxSeconds} s (${waits.length}/${args.urgent}) in ${round((Date.now() - phaseOneStart) / 1000, 1)} s; before lanes ≈ ${urgent.beforeLanesExpectedSeconds} s`,
);

// 2. Two campaigns backlogged together (the first queued before the second).
const windowSeconds = 10;
const each = Math.ceil(args.pace * args.campaignSeconds);
await store.query('TRUNCATE leads, lead_flows, lead_pauses, lead_groups CASCADE');
const base = Date.now() - 60_000;
await fillFlow(
  store,
  'camp-a-',
  each,
  { lane: 'normal', group: 'winter-sale', formId: 'winter-offer' },
  base,
);
await fillFlow(
  store,
  'camp-b-',
  each,
  { lane: 'normal', group: 'spring-launch', formId: 'spring-offer' },
  base + 1,
);
log(`\n2. two campaigns of ${each} each, drained ${args.campaignSeconds} s`);
const before = crm.arrivals().length;
await drainUntil(() => false, args.campaignSeconds + 1);
const paceAccount = accountPace(
  crm.arrivals().slice(before),
  Math.floor(args.campaignSeconds / windowSeconds) * windowSeconds,
);
const phaseTwo = recorded().filter((arrival) => arrival.idempotencyKey.startsWith('camp-'));
const first = Math.min(...phaseTwo.map((arrival) => arrival.at));
const windows = Array.from({ length: Math.floor(args.campaignSeconds / windowSeconds) }, (_, index) => {
  const inside = phaseTwo.filter(
    (arrival) => Math.floor((arrival.at - first) / (windowSeconds * 1000)) === index,
  );
  const a = inside.filter((arrival) => arrival.idempotencyKey.startsWith('camp-a-')).length;
  return {
    a,
    b: inside.length - a,
    shareA: round(a / Math.max(1, inside.length), 3),
    perSecond: inside.length / windowSeconds,
  };
});
const shares = windows.flatMap((window) => [window.shareA, round(1 - window.shareA, 3)]);
const fairness = { windowSeconds, windows, minShare: Math.min(...shares), maxShare: Math.max(...shares) };
const { achieved } = paceAccount;
log(
  `  shares per window: ${windows.map((window) => `${window.a}/${window.b}`).join(' · ')} → ${fairness.minShare}–${fairness.maxShare}; pace ${achieved}/s (first second ${paceAccount.firstSecond}, then ${paceAccount.steadyPerSecond}/s)`,
);

// Exactly once: every lead the queue settled as delivered reached the CRM once.
const ids = new Set(recorded().map((arrival) => arrival.idempotencyKey));
const { rows } = await store.query<{ id: string }>(`SELECT id FROM leads WHERE state = 'done'`);
const lost = rows.filter((row) => !ids.has(row.id)).length + (args.urgent - urgent.delivered);
const { calls } = paceAccount;
log(
  `  lost ${lost} · ${calls.all} calls in phase 2: ${calls.inWindows} in the windows, ${calls.afterWindows} in the drain's last second after them, ${calls.notRecorded} not recorded as new`,
);

// 3. Launch tickets: weights 3 : 1 and a capped campaign.
const cap = args.cap ?? round(args.pace / 10, 1);
log(`\n3. campaigns weighted 3 and 1, and one capped at ${cap}/s, drained ${args.campaignSeconds} s`);
const tickets = await ticketPhase({
  db: store,
  arrivals: () => crm.arrivals(),
  drainFor: (seconds) => drainUntil(() => false, seconds),
  pace: args.pace,
  seconds: args.campaignSeconds,
  cap,
});
log(
  `  weighted 3 : 1 → ${tickets.weights.windows.map((window) => `${window.heavy}/${window.light}`).join(' · ')} (heavy ${tickets.heavyShare.min}–${tickets.heavyShare.max}); capped at ${cap}/s → busiest second ${tickets.cap.busiestSecond} (first ${tickets.cap.firstSecond}; bound ${tickets.cap.secondBound}), ${tickets.cap.run} in ${args.campaignSeconds} s (bound ${tickets.cap.runBound}), ${tickets.cap.achievedPerSecond}/s on average`,
);

const duplicates = crm.arrivals().filter((arrival) => arrival.outcome === 'duplicate').length;
const lostInAll = lost + tickets.lost;
log(`  duplicates ${duplicates} (all phases) · lost ${lostInAll} (all phases)`);

// 4. The claim's cost.
log(`\n4. claim cost (claims of 50)`);
const cost = [];
for (const [backlog, groups] of [
  [1_000, 1],
  [args.costBacklog, 1],
  [args.costBacklog, 100],
] as const) {
  cost.push(await claimCost(store, backlog, groups));
  log(`  backlog ${backlog}, ${groups} campaign(s): ${cost.at(-1)?.medianMs} ms`);
}

const report = {
  benchmark: 'lanes',
  measuredAt: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  store: store.describe,
  args: { ...args, pg: args.pg ? 'a PostgreSQL given with --pg' : undefined },
  concurrency,
  urgent,
  fairness,
  crm: crmInProcess ? 'in the benchmark process' : 'its own process',
  burst: env.LEADS_DELIVERY_BURST,
  pace: { configured: args.pace, ...paceAccount, crmLatencyMs: args.crmLatencyMs },
  tickets,
  duplicates,
  lost: lostInAll,
  claimCost: cost,
};
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/lanes.json', `${JSON.stringify(report, null, 2)}\n`);
log('\nwritten to bench/results/lanes.json');
await crm.close();
await store.close();
