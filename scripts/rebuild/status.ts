import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { formatRebuildStatus } from '../../src/lib/rebuild/format-status.ts';
import { readRebuildStatus } from '../../src/lib/rebuild/rebuild-status.ts';
import { REBUILD_STORE_NAME } from '../../src/lib/rebuild/rebuild-stores.ts';
import { rebuildStore } from '../../src/lib/rebuild/rebuild-store.ts';
import { rebuildTiming } from '../../src/lib/rebuild/rebuild-timing.ts';
import { RebuildEnvSchema } from '../../src/schemas/webhook-env.ts';
import { openScriptStore } from '../lib/blobs.ts';

const usage = `Usage: npm run rebuild:status [-- --json] [-- --limit N]
Recent Contentful events, coalescing windows and Netlify build hook calls. Reads the local data of
\`npm start\`, or the deployed site's when NETLIFY_SITE_ID and NETLIFY_AUTH_TOKEN are set.`;

const ArgsSchema = z.object({
  json: z.boolean().default(false),
  help: z.boolean().default(false),
  limit: z
    .string()
    .regex(/^\d+$/, '--limit must be a whole number')
    .default('20')
    .transform(Number)
    .pipe(z.number().min(1, '--limit must be at least 1').max(1000, '--limit must be at most 1000')),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, limit: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const args = ArgsSchema.safeParse(values);
  if (!args.success)
    throw new Error(`${args.error.issues.map((issue) => issue.message).join('; ')}\n\n${usage}`);
  if (args.data.help) return console.log(usage);
  // Only the window length matters here; the secret and the hook stay with the functions.
  const env = parseEnv(
    RebuildEnvSchema.pick({ REBUILD_WINDOW_SECONDS: true }),
    process.env,
    'rebuild:status',
  );
  const opened = await openScriptStore(REBUILD_STORE_NAME);
  try {
    const status = await readRebuildStatus(rebuildStore(opened.store), {
      now: Date.now(),
      timing: rebuildTiming(env.REBUILD_WINDOW_SECONDS * 1000),
      limit: args.data.limit,
    });
    console.log(
      args.data.json
        ? JSON.stringify({ store: opened.describe, ...status }, null, 2)
        : formatRebuildStatus(status, opened.describe),
    );
  } finally {
    await opened.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
