import { parseArgs } from 'node:util';
import { z } from 'zod';
import { formatRebuildStatus } from '../../src/lib/rebuild/format-status.ts';
import { readRebuildStatus } from '../../src/lib/rebuild/rebuild-status.ts';
import { RebuildEnvSchema } from '../../src/schemas/webhook-env.ts';
import { openScriptDatabase } from '../lib/local-database.ts';
import { stderrPalette, stdoutPalette } from '../cli/colour.ts';
import { commandSettings } from '../cli/settings.ts';

const usage = `Usage: npm run rebuild:status [-- --json] [-- --limit N]
Recent Contentful events, coalescing windows and Netlify build hook calls. Reads the database at
NETLIFY_DB_URL (a deployed site's Netlify Database, any PostgreSQL), or the local one of \`npm start\`.`;

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
  const env = commandSettings(
    RebuildEnvSchema.pick({ REBUILD_WINDOW_SECONDS: true }),
    'npm run rebuild:status',
  );
  const db = await openScriptDatabase();
  const colour = stdoutPalette();
  try {
    const status = await readRebuildStatus(db, {
      now: Date.now(),
      windowSeconds: env.REBUILD_WINDOW_SECONDS,
      limit: args.data.limit,
    });
    console.log(
      args.data.json
        ? JSON.stringify({ database: db.describe, ...status }, null, 2)
        : formatRebuildStatus(status, db.describe, (failing, text) =>
            failing ? colour.bad(text) : colour.good(text),
          ),
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(stderrPalette().bad(error instanceof Error ? error.message : String(error)));
  process.exitCode = 1;
});
