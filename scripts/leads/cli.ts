import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import type { z } from 'zod';
import { openScriptStore, type ScriptStore } from '../lib/blobs.ts';
import { LEAD_STORE_NAME } from '../../src/lib/queue/lead-stores.ts';

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

/** Open the lead store (local `npm start` data, or the deployed site's), run `work`, and close it. */
export async function withLeadStore<T>(work: (opened: ScriptStore) => Promise<T>): Promise<T> {
  const opened = await openScriptStore(LEAD_STORE_NAME);
  try {
    return await work(opened);
  } finally {
    await opened.close();
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
