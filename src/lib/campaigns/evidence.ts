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

/** Where `bench:leads` and `loadtest` write their results. */
export const BENCH_RESULTS_DIRECTORY = 'bench/results';

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
 * Read `bench/results/leads.json` and every `bench/results/loadtest-*.json`. Missing files are
 * simply no evidence; malformed ones are reported, so a broken file cannot pass for a measurement.
 * Synchronous on purpose: a handful of small files, read by the build's content loader too.
 */
export function readEvidence(directory = BENCH_RESULTS_DIRECTORY): ReadinessEvidence {
  const problems: string[] = [];
  let files: string[];
  try {
    files = readdirSync(directory);
  } catch {
    return { capacity: undefined, loadTests: [], problems };
  }
  const parse = <Schema extends z.ZodType>(file: string, schema: Schema): z.infer<Schema> | undefined => {
    const path = join(directory, file);
    try {
      const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0];
      problems.push(`${path}: ${issue?.path.join('.') || '(file)'}: ${issue?.message ?? 'is malformed'}`);
    } catch (error) {
      problems.push(`${path}: ${(error as Error).message}`);
    }
    return undefined;
  };
  const bench = files.includes('leads.json') ? parse('leads.json', LeadsBenchResultSchema) : undefined;
  const loadTests = files
    .filter((file) => /^loadtest-.+\.json$/.test(file))
    .sort()
    .flatMap((file) => parse(file, LoadTestResultSchema) ?? []);
  const capacity = chooseCapacity(bench && capacityFromBench(bench), loadTests.map(capacityFromLoadTest));
  return { capacity, loadTests, problems };
}

/** Epoch ms of every load test that replayed `campaignKey`. */
export function readinessRunsOf(evidence: ReadinessEvidence, campaignKey: string): number[] {
  return evidence.loadTests
    .filter((run) => run.campaign === campaignKey)
    .map((run) => Date.parse(run.measuredAt));
}
