import type { SqlClient } from '../../db/sql-client.ts';
import type { Campaign } from '../../../schemas/campaign.ts';
import type { TrafficInputs } from '../traffic-model.ts';
import { defaultReadinessPolicy, type ReadinessPolicy } from '../readiness-policy.ts';
import { campaignOutcome, type CampaignOutcome } from './campaign-outcome.ts';
import { ticketForecast } from './forecast.ts';
import { campaignScope, unclaimedScope, type WindowOptions } from './outcome-scope.ts';
import { formsSeen, readOutcome } from './read-outcome.ts';

/** The JSON report: what `campaign:report --json` prints and writes. */
export interface OutcomeReport {
  generatedAt: string;
  campaigns: CampaignOutcome[];
}

export const NO_CAMPAIGN = '(no campaign)';

/**
 * What the report reads of a launch ticket: a mapped campaign (`campaign:report`) or the ticket the
 * build bundled with the ops functions (`/ops/report/`), so both judge with the same code.
 */
export type ReportTicket = {
  campaign: Pick<Campaign, 'key' | 'name' | 'launchAt' | 'endAt' | 'forms'> & TrafficInputs;
};

/**
 * Read and judge each campaign given (one statement each), plus, when `includeUnclaimed`, the forms
 * no campaign names ("leads outside any campaign"), over the same `--from`/`--to`.
 */
export async function outcomeReport(
  db: SqlClient,
  campaigns: readonly ReportTicket[],
  options: WindowOptions & { includeUnclaimed: boolean; policy?: Partial<ReadinessPolicy> },
): Promise<OutcomeReport> {
  const policy = { ...defaultReadinessPolicy, ...options.policy };
  const outcomes: CampaignOutcome[] = [];
  for (const { campaign } of campaigns) {
    const ticket = {
      launchAt: Date.parse(campaign.launchAt),
      endAt: Date.parse(campaign.endAt),
      forms: campaign.forms,
    };
    const scope = campaignScope(ticket, options);
    const figures = await readOutcome(db, scope);
    outcomes.push(
      campaignOutcome({
        key: campaign.key,
        name: campaign.name,
        scope,
        figures,
        forecast: ticketForecast(campaign),
        policy,
      }),
    );
  }
  if (options.includeUnclaimed) {
    const claimed = new Set(campaigns.flatMap(({ campaign }) => campaign.forms));
    const probe = unclaimedScope([], options);
    const forms = (await formsSeen(db, probe.from, probe.to)).filter((form) => !claimed.has(form));
    const scope = { ...probe, forms };
    const figures = await readOutcome(db, scope);
    outcomes.push(
      campaignOutcome({
        key: NO_CAMPAIGN,
        name: 'Leads outside any campaign',
        scope,
        figures,
        forecast: undefined,
        policy,
      }),
    );
  }
  return { generatedAt: new Date(options.now).toISOString(), campaigns: outcomes };
}
