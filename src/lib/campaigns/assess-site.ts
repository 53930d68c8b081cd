import type { CampaignEnv } from '../../schemas/campaign-env.ts';
import type { MappedSite } from '../content/map-space.ts';
import { deliveryPaceFrom, intakeSettingsFrom } from './campaign-settings.ts';
import { readinessRunsOf, type ReadinessEvidence } from './evidence.ts';
import type { MappedCampaign } from './map-campaigns.ts';
import { assessReadiness, type Readiness } from './readiness.ts';
import type { ReadinessPolicy } from './readiness-policy.ts';

/** Campaigns still to come or running at `now` (not yet ended), soonest launch first. */
export function upcomingCampaigns(campaigns: readonly MappedCampaign[], now: number): MappedCampaign[] {
  return campaigns
    .filter(({ campaign }) => Date.parse(campaign.endAt) > now)
    .sort((a, b) => Date.parse(a.campaign.launchAt) - Date.parse(b.campaign.launchAt));
}

/** The campaign whose key or entry id is `wanted`. */
export function findCampaign(
  campaigns: readonly MappedCampaign[],
  wanted: string,
): MappedCampaign | undefined {
  return campaigns.find(({ campaign }) => campaign.key === wanted || campaign.id === wanted);
}

export interface SiteReadinessOptions {
  evidence: ReadinessEvidence;
  env: CampaignEnv;
  now: number;
  policy?: Partial<ReadinessPolicy>;
}

/** Assess each given campaign of the site against the same evidence and settings. */
export function assessCampaigns(
  site: Pick<MappedSite, 'pages'>,
  campaigns: readonly MappedCampaign[],
  { evidence, env, now, policy }: SiteReadinessOptions,
): Readiness[] {
  const pace = deliveryPaceFrom(env);
  const intake = intakeSettingsFrom(env);
  return campaigns.map((mapped) =>
    assessReadiness({
      mapped,
      pages: site.pages,
      capacity: evidence.capacity,
      pace,
      intake,
      laneShares: env.LEADS_LANE_SHARES,
      readinessRuns: readinessRunsOf(evidence, mapped.campaign.key),
      now,
      policy,
    }),
  );
}
