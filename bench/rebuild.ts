/**
 * `npm run bench:rebuild [-- --publishes 10 --window 1] [-- --pg]`: the publish → build request
 * latency through the real functions. Each round sends one signed Entry.publish over HTTP to the
 * webhook function, which waits the window out after its answer (waitUntil) and calls a local build hook;
 * reported: the webhook's answer time and the delay from the publish to the build hook call, and what
 * that delay adds to the window. On Netlify's local database emulation, or with `--pg` on a real
 * PostgreSQL server started for the run. Writes bench/results/rebuild.json.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startLocalDatabase, useDatabaseAt } from '../scripts/lib/local-database.ts';
import { startRealPostgres } from '../tests/fixtures/real-postgres.ts';
import { startFunctionSite } from '../tests/fixtures/rebuild-function-site.ts';
import { startBuildHookReceiver } from '../tests/fixtures/rebuild-hook-receiver.ts';
import { TEST_WEBHOOK_SECRET, entryPayload, signedWebhook } from '../tests/fixtures/webhook-requests.ts';

const { values } = parseArgs({
  options: { publishes: { type: 'string' }, window: { type: 'string' }, pg: { type: 'boolean' } },
});
const args = z
  .object({
    publishes: z.coerce.number().int().min(1).max(100).default(10),
    window: z.coerce.number().int().min(1).max(30).default(1),
    pg: z.boolean().default(false),
  })
  .parse(values);

/** The database the functions use: the emulation with Nagle off (as `npm start` runs it), or a real server. */
async function startDatabase(): Promise<{ url: string; name: string; stop(): Promise<void> }> {
  if (args.pg) {
    const server = await startRealPostgres();
    const { url } = await useDatabaseAt(server.url);
    return { url, name: 'PostgreSQL 15 (Debian)', stop: () => server.stop() };
  }
  const directory = await mkdtemp(join(tmpdir(), 'floodgate-bench-rebuild-'));
  const local = await startLocalDatabase(join(directory, 'db'));
  return {
    url: local.url,
    name: 'Netlify Database emulation (@netlify/database-dev)',
    async stop() {
      await local.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

const database = await startDatabase();
const hook = await startBuildHookReceiver();
Object.assign(process.env, {
  CONTENTFUL_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
  NETLIFY_BUILD_HOOK_URL: hook.url,
  REBUILD_WINDOW_SECONDS: String(args.window),
  NETLIFY_DB_URL: database.url,
});
const site = await startFunctionSite({
  webhook: (await import('../netlify/functions/contentful-webhook.mts')).default,
  background: (await import('../netlify/functions/rebuild-windows-background.mts')).default,
});

const rounds: Array<{ answerMs: number; toBuildHookMs: number }> = [];
for (let round = 1; round <= args.publishes; round += 1) {
  const sentAt = Date.now();
  const started = performance.now();
  const response = await fetch(
    signedWebhook({
      url: `${site.url}/api/contentful-webhook`,
      signedAt: sentAt,
      payload: entryPayload(`bench-${round}`, 'faqItem'),
    }),
  );
  const answerMs = performance.now() - started;
  if (response.status !== 202)
    throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
  await hook.waitFor(round, 60_000);
  rounds.push({ answerMs, toBuildHookMs: (hook.received[round - 1]?.at ?? NaN) - sentAt });
  // Let this window's closer finish, so the next publish opens a window of its own.
  await Promise.all([...site.pending, ...site.background]);
  process.stdout.write(`\r${round}/${args.publishes} publishes`);
}
process.stdout.write('\n');

const median = (numbers: number[]) =>
  [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? NaN;
const windowMs = args.window * 1000;
const result = {
  database: database.name,
  windowSeconds: args.window,
  publishes: args.publishes,
  webhookAnswerMedianMs: Math.round(median(rounds.map((r) => r.answerMs))),
  publishToBuildHookMedianMs: Math.round(median(rounds.map((r) => r.toBuildHookMs))),
  publishToBuildHookMaxMs: Math.round(Math.max(...rounds.map((r) => r.toBuildHookMs))),
  overWindowMedianMs: Math.round(median(rounds.map((r) => r.toBuildHookMs - windowMs))),
};
console.table([result]);
await mkdir('bench/results', { recursive: true });
await writeFile(`bench/results/rebuild${args.pg ? '-pg' : ''}.json`, `${JSON.stringify(result, null, 2)}\n`);
await Promise.all([site.close(), hook.close()]);
await database.stop();
// The functions' connection pools stay open for the life of the process, as in a function instance.
process.exit(0);
