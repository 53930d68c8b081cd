/**
 * `npm run leads:drain [-- --budget 300] [--watch] [--verbose]`: the delivery worker from a
 * terminal, with a progress line. Safe next to the background drainer: every worker takes its
 * tokens from the same bucket row, so together they keep LEADS_DELIVERY_RATE. Works on the database
 * at NETLIFY_DB_URL (any PostgreSQL), else the one `npm start` serves, as the other leads:* scripts. Needs CRM_WEBHOOK_URL (and the
 * secret); with `npm start` running its dev CRM is at http://127.0.0.1:8889/leads.
 */
import { jsonLog, type DeliveryLog } from '../../src/lib/delivery/delivery-log.ts';
import {
  CrmNotConfiguredError,
  createDeliveryWorker,
  type DeliveryWorker,
} from '../../src/lib/delivery/delivery-worker.ts';
import type { DrainSummary } from '../../src/lib/delivery/drain.ts';
import { DrainArgsSchema } from '../../src/schemas/delivery-cli.ts';
import { DeliveryEnvSchema } from '../../src/schemas/delivery-env.ts';
import { parseCli } from './cli.ts';
import { stderrPalette, stdoutPalette } from '../cli/colour.ts';
import { progressLine } from '../cli/progress.ts';
import { commandSettings } from '../cli/settings.ts';
import { storeBuiltConsentTexts } from '../lib/built-consent-texts.ts';
import { openScriptDatabase } from '../lib/local-database.ts';

const args = parseCli(
  DrainArgsSchema,
  { budget: { type: 'string' }, watch: { type: 'boolean' }, verbose: { type: 'boolean' } },
  'npm run leads:drain -- [--budget <seconds>] [--watch] [--verbose]',
);
const env = commandSettings(DeliveryEnvSchema, 'npm run leads:drain');
const db = await openScriptDatabase();
// The last build's consent texts, kept before this worker delivers anything (docs/consent.md).
await storeBuiltConsentTexts(db, console.error);
const toStderr = jsonLog((text) => console.error(text));
// Per-lead lines would drown the progress line; circuit changes and store errors always show.
const log: DeliveryLog = (line) => {
  if (args.verbose || line.event === 'circuit' || line.event === 'store.error') toStderr(line);
};

let stopping = false;
process.once('SIGINT', () => {
  stopping = true;
  console.error(
    '\nStopping: finishing calls in flight and handing back unsent leads (Ctrl+C again to abort)',
  );
});

try {
  await run();
} finally {
  await db.close();
}

async function run() {
  let worker: DeliveryWorker;
  try {
    worker = createDeliveryWorker({ db, env, log });
  } catch (error) {
    if (!(error instanceof CrmNotConfiguredError)) throw error;
    const off = stderrPalette().bad('npm run leads:drain is off');
    console.error(
      `${off}: ${error.message}; to turn it on with npm start running: CRM_WEBHOOK_URL=http://127.0.0.1:8889/leads npm run leads:drain`,
    );
    process.exitCode = 2;
    return;
  }
  console.log(
    `Draining ${db.describe} → ${env.CRM_WEBHOOK_URL} at ${env.LEADS_DELIVERY_RATE} leads/s (shared)`,
  );
  let latest: DrainSummary | undefined;
  let remaining: number | undefined;
  const progress = progressLine();
  const colour = stdoutPalette();
  const show = () => {
    const s = latest ?? { delivered: 0, retried: 0, dead: 0 };
    const dead = s.dead > 0 ? colour.bad(`dead ${s.dead}`) : `dead ${s.dead}`;
    progress.update(
      `${colour.good(`delivered ${s.delivered}`)} · retried ${s.retried} · ${dead} · remaining ${remaining ?? '…'}`,
    );
  };
  const ticker = setInterval(
    () =>
      void worker.queue
        .depth()
        .then((depth) => (remaining = depth))
        .catch(() => {})
        .finally(show),
    process.stdout.isTTY ? 1_000 : 5_000,
  );
  try {
    const summary = await worker.run({
      timeBudgetMs: args.budget * 1000,
      whenIdle: args.watch ? { pollMs: 2_000 } : 'stop',
      shouldStop: () => stopping,
      onProgress: (progress) => (latest = progress),
    });
    latest = summary;
    remaining = await worker.queue.depth();
    show();
    progress.done();
    const seconds = (summary.elapsedMs / 1000).toFixed(1);
    console.log(
      `Stopped (${summary.stoppedBecause}) after ${seconds} s; released ${summary.released}, purged ${summary.purged} old delivery records.`,
    );
  } finally {
    clearInterval(ticker);
  }
}
