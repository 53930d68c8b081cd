import { CampaignEnvSchema } from '../../schemas/campaign-env.ts';
import type { MappedSite } from '../content/map-space.ts';
import { parseEnv } from '../env/parse-env.ts';
import { assessCampaigns, upcomingCampaigns } from './assess-site.ts';
import { EVIDENCE_DIRECTORIES, readEvidence } from './evidence.ts';
import { summaryLine } from './summary-line.ts';
import { formConfigsFrom } from '../leads/form-configs.ts';
import { untrackedFormLine, untrackedForms } from './review/untracked-forms.ts';

/** A line for the build log and how loudly to print it. */
export interface SummaryLogLine {
  level: 'info' | 'warn';
  text: string;
}

export interface BuildSummaryOptions {
  now?: number;
  env?: Record<string, string | undefined>;
  resultsDirectory?: string;
}

/**
 * One line per upcoming campaign for the build log, and one per live form no launch ticket covers. It never throws: a readiness problem, a bad
 * variable or a broken results file becomes a warning line, and the build carries on.
 */
export function campaignBuildSummary(
  site: Pick<MappedSite, 'pages' | 'campaigns'>,
  options: BuildSummaryOptions = {},
): SummaryLogLine[] {
  try {
    const now = options.now ?? Date.now();
    const env = parseEnv(CampaignEnvSchema, options.env ?? process.env, 'the campaign summary');
    const evidence = readEvidence(options.resultsDirectory ?? EVIDENCE_DIRECTORIES);
    const upcoming = upcomingCampaigns(site.campaigns, now);
    const readinesses = assessCampaigns(site, upcoming, { evidence, env, now });
    return [
      ...evidence.problems.map((problem) => ({
        level: 'warn' as const,
        text: `campaign readiness: ${problem}`,
      })),
      ...readinesses.map((readiness) => ({
        level: readiness.verdict === 'go' ? ('info' as const) : ('warn' as const),
        text: summaryLine(readiness, now),
      })),
      // "No ticket, no campaign": the same list campaign:ready and /ops/ show.
      ...untrackedForms(formConfigsFrom(site.pages), site.campaigns, now).map((form) => ({
        level: 'warn' as const,
        text: `campaign readiness: ${untrackedFormLine(form)}`,
      })),
    ];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [{ level: 'warn', text: `campaign summary skipped (the build goes on): ${message}` }];
  }
}
