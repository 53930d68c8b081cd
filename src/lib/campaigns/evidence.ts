import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  LeadsBenchResultSchema,
  LoadTestResultSchema,
  type LoadTestResult,
} from '../../schemas/campaign-capacity.ts';
import {
  capacityFromBench,
  capacityFromLoadTest,
  chooseCapacity,
  type CapacityMeasurement,
} from './capacity.ts';

/** Where `bench:leads` writes its committed result. */
export const BENCH_RESULTS_DIRECTORY = 'bench/results';

/**
 * Where `loadtest` writes its results and reports: ignored by git, because a load test is a run on
 * one machine on one day, and writing into a tracked file left every checkout modified.
 */
export const REPORTS_DIRECTORY = 'reports';

/** Where the readiness evidence is looked for, in order. */
export const EVIDENCE_DIRECTORIES = [BENCH_RESULTS_DIRECTORY, REPORTS_DIRECTORY] as const;

/** The file a load test of `campaignKey` (or of a plain rate, `manual`) writes. */
export const loadTestResultFile = (campaignKey: string | undefined) =>
  `loadtest-${campaignKey ?? 'manual'}.json`;

/** What has been measured so far: the numbers every readiness verdict is weighed against. */
export interface ReadinessEvidence {
  capacity: CapacityMeasurement | undefined;
  loadTests: LoadTestResult[];
  /** Files that exist but could not be read, with why: shown, never fatal. */
  problems: string[];
}

/**
 * Read `leads.json` and every `loadtest-*.json` in the given directories (`bench/results/` and
 * `reports/` unless told otherwise). Missing files are simply no evidence; malformed ones are
 * reported, so a broken file cannot pass for a measurement. Synchronous on purpose: a handful of
 * small files, read by the build's content loader too.
 */
export function readEvidence(
  directories: string | readonly string[] = EVIDENCE_DIRECTORIES,
): ReadinessEvidence {
  const problems: string[] = [];
  const found = (typeof directories === 'string' ? [directories] : directories).map((directory) => ({
    directory,
    files: listFiles(directory),
  }));
  const benches = found.flatMap(({ directory, files }) =>
    files.includes('leads.json')
      ? [parseFile(join(directory, 'leads.json'), LeadsBenchResultSchema, problems)]
      : [],
  );
  const bench = benches.find((result) => result !== undefined);
  const loadTests = found.flatMap(({ directory, files }) =>
    files
      .filter((file) => /^loadtest-.+\.json$/.test(file))
      .sort()
      .flatMap((file) => parseFile(join(directory, file), LoadTestResultSchema, problems) ?? []),
  );
  const capacity = chooseCapacity(bench && capacityFromBench(bench), loadTests.map(capacityFromLoadTest));
  return { capacity, loadTests, problems };
}

function listFiles(directory: string): string[] {
  try {
    return readdirSync(directory);
  } catch {
    return [];
  }
}

function parseFile<Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  problems: string[],
): z.infer<Schema> | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    problems.push(`${path}: ${issue?.path.join('.') || '(file)'}: ${issue?.message ?? 'is malformed'}`);
  } catch (error) {
    problems.push(`${path}: ${(error as Error).message}`);
  }
  return undefined;
}
/** Epoch ms of every load test that replayed `campaignKey`. */
export function readinessRunsOf(evidence: ReadinessEvidence, campaignKey: string): number[] {
  return evidence.loadTests
    .filter((run) => run.campaign === campaignKey)
    .map((run) => Date.parse(run.measuredAt));
}
