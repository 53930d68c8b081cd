import type { MappedCampaign } from './map-campaigns.ts';

/**
 * Build-time warnings for campaign target pages no visitor could open: a link to a page that is
 * missing or unpublished, or a page the build did not produce in some locale. Each names the
 * campaign and the page, so the marketer knows what to fix before the emails go out. Warnings, not
 * errors: a campaign is a ticket, and the rest of the site must still deploy.
 */
export function campaignTargetWarnings(
  campaigns: readonly MappedCampaign[],
  // Only what it reads of a mapped page: map-space.ts calls this, so importing its types would make a circle.
  pages: readonly { page: { id: string }; locale: string }[],
  locales: readonly string[],
): string[] {
  const built = new Set(pages.map((page) => `${page.page.id} ${page.locale}`));
  return campaigns.flatMap(({ campaign, unpublishedTargetPageIds }) => {
    const name = `campaign "${campaign.name}" (${campaign.key})`;
    const missing = unpublishedTargetPageIds.map(
      (id) =>
        `${name}: target page ${id} is missing or not published, so visitors would land on a 404; publish it or remove it from the campaign's target pages`,
    );
    const unbuilt = campaign.targetPages.flatMap((target) => {
      const absent = locales.filter((locale) => !built.has(`${target.id} ${locale}`));
      return absent.length === 0
        ? []
        : [`${name}: target page "${target.title}" (${target.id}) was not built in ${absent.join(', ')}`];
    });
    return [...missing, ...unbuilt];
  });
}
