import type { Campaign } from '../../schemas/campaign.ts';
import { LinkRefSchema } from '../../schemas/space-export.ts';
import type { ContentIssue } from '../content/content-issue.ts';
import { EntryResolver } from '../content/entry-resolver.ts';
import type { SpaceIndex } from '../content/space-index.ts';

/** A validated campaign, plus what the mapping had to drop from it. */
export interface MappedCampaign {
  campaign: Campaign;
  /** Target page links whose page is missing from the space (a draft, or deleted): a launch blocker. */
  unpublishedTargetPageIds: string[];
}

export interface CampaignMapping {
  campaigns: MappedCampaign[];
  issues: ContentIssue[];
  warnings: ContentIssue[];
}

/**
 * Every campaign entry in the space, validated in the default locale (a launch ticket is not
 * translated). Published delivery APIs leave out drafts, so a link to an unpublished page simply
 * dangles; it is recorded here for the readiness report rather than lost.
 */
export function mapCampaigns(index: SpaceIndex): CampaignMapping {
  const resolver = new EntryResolver(index, index.defaultLocale, index.defaultChain);
  const campaigns: MappedCampaign[] = [];
  for (const entry of index.entries.values()) {
    if (entry.sys.contentType.sys.id !== 'campaign') continue;
    const campaign = resolver.resolveRoot(entry.sys.id) as Campaign | undefined;
    if (!campaign) continue;
    const linked = entry.fields.targetPages?.[index.defaultLocale];
    const linkedIds = Array.isArray(linked)
      ? linked.flatMap((raw) => {
          const parsed = LinkRefSchema.safeParse(raw);
          return parsed.success ? [parsed.data.sys.id] : [];
        })
      : [];
    const unpublishedTargetPageIds = linkedIds.filter((id) => !index.entries.has(id));
    campaigns.push({ campaign, unpublishedTargetPageIds });
  }
  return { campaigns, issues: resolver.issues, warnings: resolver.warnings };
}
