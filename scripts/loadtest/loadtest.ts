/**
 * `npm run loadtest -- --campaign <key>`: replay a campaign's peak (ramp-up, burst, peak held)
 * against the built site on the local server (its own process), with the real lead function, its database,
 * the delivery worker and the dev CRM; then account for every accepted lead (0 lost, 0 duplicated).
 * Writes reports/loadtest-<key>.json (read by `npm run campaign:ready` and the build) and an HTML
 * report next to it; reports/ is ignored by git, so a run never modifies a tracked file.
 *
 *   npm run build && npm run loadtest -- --campaign winter-sale-2026 [--scale 2]
 *   npm run loadtest -- --rate 20 --page-views 200 --duration 60 --ramp 10 --burst 5
 *   npm run loadtest -- --campaign winter-sale-2026 --url https://preview--site.netlify.app
 *
 * Exits 1 when a lead was lost or duplicated.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findCampaign } from '../../src/lib/campaigns/assess-site.ts';
import { chartJsSource } from '../campaign-reports/chart-js-source.ts';
import { loadTestResultFile } from '../../src/lib/campaigns/evidence.ts';
import { storedLeadReaders } from './lead-audit.ts';
import { loadTargetFor } from './load-target.ts';
import { loadTestFacts } from './loadtest-facts.ts';
import { loadTestHtml } from './loadtest-html.ts';
import { runLoadTest, type LoadProgress } from './run-load-test.ts';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { BuildEnvSchema } from '../../src/schemas/build-env.ts';
import { LoadTestArgsSchema } from '../../src/schemas/campaign-cli.ts';
import { SpaceExportSchema } from '../../src/schemas/space-export.ts';
import { confirmRemoteTarget, isLoopback } from './confirm-target.ts';
import { loadTestOutcome } from './outcome-check.ts';
import { openRemoteSystem, startLocalSystem } from './system-under-test.ts';
import { stdoutPalette } from '../cli/colour.ts';
import { progressLine } from '../cli/progress.ts';
import { commandSettings } from '../cli/settings.ts';

const { values } = parseArgs({
  options: {
    campaign: { type: 'string' },
    rate: { type: 'string' },
    'page-views': { type: 'string' },
    scale: { type: 'string' },
    duration: { type: 'string' },
    ramp: { type: 'string' },
    burst: { type: 'string' },
    'burst-factor': { type: 'string' },
    'drain-timeout': { type: 'string' },
    'retry-share': { type: 'string' },
    url: { type: 'string' },
    yes: { type: 'boolean' },
    'no-worker': { type: 'boolean' },
    content: { type: 'string' },
    out: { type: 'string' },
    results: { type: 'string' },
  },
});
const parsed = LoadTestArgsSchema.safeParse({
  ...values,
  pageViews: values['page-views'],
  burstFactor: values['burst-factor'],
  drainTimeout: values['drain-timeout'],
  retryShare: values['retry-share'],
  noWorker: values['no-worker'],
});
if (!parsed.success) {
  for (const issue of parsed.error.issues)
    console.error(`loadtest: ${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}
const args = parsed.data;
const contentFile = args.content ?? commandSettings(BuildEnvSchema, 'npm run loadtest').CONTENT_FILE;
const site = mapSpace(SpaceExportSchema.parse(JSON.parse(await readFile(contentFile, 'utf8'))));
const mapped = args.campaign ? findCampaign(site.campaigns, args.campaign) : undefined;
if (args.campaign && !mapped) {
  const known = site.campaigns.map(({ campaign }) => campaign.key).join(', ') || 'none';
  console.error(`loadtest: no campaign "${args.campaign}" in ${contentFile} (campaigns: ${known})`);
  process.exit(2);
}
const target = loadTargetFor(site, mapped, args);
const shape = {
  durationSeconds: args.duration,
  rampSeconds: args.ramp,
  burstSeconds: args.burst,
  burstFactor: args.burstFactor,
};
const remote = args.url !== undefined && !isLoopback(args.url);
if (remote && !(await confirmRemoteTarget(args.url!, target.rates, shape, args.yes))) process.exit(1);

// --- the system under test -------------------------------------------------------------------
const system = await (
  args.url === undefined ? startLocalSystem({ worker: !args.noWorker }) : openRemoteSystem(args.url, remote)
).catch((error: unknown) => {
  console.error(`loadtest: ${error instanceof Error ? error.message : String(error)}`);
  return process.exit(2);
});
const { db, crm } = system;
try {
  const runId = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const leadQueue = db && createPostgresLeadQueue({ db, now: Date.now, random: Math.random });
  console.log(
    `${target.campaignKey ?? 'manual rates'}: ${target.rates.pageViewsPerSecond.toFixed(2)} page views/s and ` +
      `${target.rates.leadsPerSecond.toFixed(2)} leads/s at peak, ${args.duration} s against ${system.baseUrl}`,
  );
  const progressOut = progressLine();
  const startedAt = Date.now();
  const outcome = await runLoadTest({
    baseUrl: system.baseUrl,
    target: system.target,
    ...target,
    shape,
    runId,
    retryShare: args.retryShare,
    probe: leadQueue && { depth: () => leadQueue.depth(), delivered: crm && (() => crm.received().length) },
    audit: db && {
      ...storedLeadReaders(db),
      delivered: () =>
        crm?.received().map((lead) => ({
          id: lead.id,
          email: textOf((lead.lead.fields as Record<string, unknown> | undefined)?.email),
        })),
    },
    // Our worker, or the site's own (npm start runs one; a deployed site's runs every minute).
    drainTimeoutMs: args.noWorker ? 0 : args.drainTimeout * 1000,
    random: Math.random,
    uuid: randomUUID,
    now: Date.now,
    onProgress: (progress) => progressOut.update(progressText(progress)),
  });
  progressOut.done();

  for (const facts of loadTestFacts(outcome)) {
    console.log(`\n${facts.title}`);
    console.table(Object.fromEntries(facts.rows));
  }
  await mkdir(args.results, { recursive: true });
  const resultFile = join(args.results, loadTestResultFile(target.campaignKey));
  await writeFile(resultFile, `${JSON.stringify(outcome.result, null, 2)}\n`);
  await mkdir(args.out, { recursive: true });
  const reportFile = join(args.out, loadTestResultFile(target.campaignKey).replace(/\.json$/, '.html'));
  await writeFile(reportFile, loadTestHtml(outcome, await chartJsSource()));
  console.log(`\nresult: ${resultFile} · report: ${reportFile}`);
  // The post-campaign report of this run, checked against the delivery records (docs/campaigns.md).
  if (mapped && db) {
    const same = await loadTestOutcome({
      db,
      mapped,
      from: startedAt,
      to: Date.now(),
      out: args.out,
      log: console.log,
    });
    if (!same) process.exitCode = 1;
  }
  if (outcome.audit) {
    const { lost, duplicates } = outcome.audit;
    const colour = stdoutPalette();
    if (lost > 0 || duplicates > 0) {
      console.log(colour.bad(`FAIL: ${lost} accepted lead(s) lost, ${duplicates} duplicated`));
      process.exitCode = 1;
    } else console.log(colour.good('PASS: every accepted lead accounted for, none duplicated'));
  }
} finally {
  await system.stop();
}

function progressText(progress: LoadProgress): string {
  const queue = progress.queue
    ? ` · queue ${progress.queue.depth}${progress.queue.delivered === undefined ? '' : ` · delivered ${progress.queue.delivered}`}`
    : '';
  return `${progress.phase} ${progress.second}s · page views ${progress.sent.page} · leads ${progress.accepted}/${progress.sent.lead} accepted · errors ${progress.errors}${queue}`;
}

/** A stored field as text: only strings count (an object would print as `[object Object]`). */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
