import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import type { z } from 'zod';
import type { OwnedSqlClient } from '../../src/lib/db/sql-client.ts';
import type { LeadQueue } from '../../src/lib/queue/lead-queue.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { openScriptDatabase } from '../lib/local-database.ts';

/**
 * Parse a script's arguments with node's parser, then its zod schema; on a mistake print what is
 * wrong and the usage line, and exit 2 (no stack trace for a typo).
 */
export function parseCli<Schema extends z.ZodType>(
  schema: Schema,
  options: ParseArgsOptionsConfig,
  usage: string,
): z.infer<Schema> {
  try {
    const { values } = parseArgs({ options, strict: true });
    const parsed = schema.safeParse(values);
    if (parsed.success) return parsed.data;
    throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\nUsage: ${usage}`);
    process.exit(2);
  }
}

/** What an ops script works with: the queue, its database, and where that is (for the header line). */
export interface LeadScriptContext {
  queue: LeadQueue;
  db: OwnedSqlClient;
  describe: string;
}

/**
 * Open the lead queue (`NETLIFY_DB_URL`'s database, else the one `npm start` serves, else the
 * embedded one), run `work`, and close it.
 */
export async function withLeadQueue<T>(work: (context: LeadScriptContext) => Promise<T>): Promise<T> {
  const db = await openScriptDatabase();
  try {
    const queue = createPostgresLeadQueue({ db, now: Date.now, random: Math.random });
    return await work({ queue, db, describe: db.describe });
  } finally {
    await db.close();
  }
}

/** A duration for people: `4 s`, `3 min 20 s`, `2 h 5 min`, `3 d 4 h`. */
export function humanDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86_400)} d ${Math.floor((seconds % 86_400) / 3600)} h`;
}
