import { leadFieldIds } from '../../schemas/lead-fields.ts';
import type { LocalizedPage } from '../content/map-space.ts';
import { formConfigsFrom } from '../leads/form-configs.ts';
import type { MappedCampaign } from './map-campaigns.ts';
import type { Finding } from './finding.ts';

const presets = new Set<string>(leadFieldIds);
const list = (items: Iterable<string>) => [...items].map((item) => `"${item}"`).join(', ');

/**
 * What the content says about a launch, before any traffic: target pages that are not published,
 * forms that are missing from the target pages or closed by the kill switch, and data fields the
 * lead endpoint would drop because the lead schema does not know them.
 */
export function contentFlags(
  { campaign, unpublishedTargetPageIds }: MappedCampaign,
  pages: readonly LocalizedPage[],
  formsClosed: readonly string[],
): Finding[] {
  const findings: Finding[] = [];
  if (unpublishedTargetPageIds.length > 0) {
    findings.push({
      severity: 'no-go',
      code: 'target-page-unpublished',
      message: `target page ${list(unpublishedTargetPageIds)} is not published: visitors would land on a 404. Publish it in Contentful (or remove it from the campaign).`,
    });
  }
  const targetSlugs = new Set(campaign.targetPages.map((page) => page.slug));
  // The same form rules the build publishes for the lead endpoint (it fails on conflicting forms).
  const placements = formConfigsFrom(pages);
  const placementOf = (formId: string) =>
    Object.hasOwn(placements, formId) ? placements[formId] : undefined;
  for (const formId of campaign.forms) {
    const placement = placementOf(formId);
    const onTarget = (placement?.pageSlugs ?? []).filter((slug) => targetSlugs.has(slug));
    if (!placement) {
      findings.push({
        severity: 'no-go',
        code: 'form-missing',
        message: `form "${formId}" is on no published page: add a Lead form block with this form id to a target page.`,
      });
    } else if (onTarget.length === 0) {
      findings.push({
        severity: 'no-go',
        code: 'form-not-on-target-page',
        message: `form "${formId}" is only on ${list(placement.pageSlugs)}, none of the campaign's target pages (${list(targetSlugs)}).`,
      });
    }
    if (formsClosed.includes('*') || formsClosed.includes(formId)) {
      findings.push({
        severity: 'no-go',
        code: 'form-closed',
        message: `form "${formId}" is closed by the kill switch (LEADS_FORMS_CLOSED): remove it from the variable before launch.`,
      });
    }
  }
  // A field is known when it is a preset or one of the campaign's forms defines it in Contentful.
  const customIds = campaign.forms.flatMap((formId) =>
    (placementOf(formId)?.customFields ?? []).map((rule) => rule.id),
  );
  const known = new Set<string>([...presets, ...customIds]);
  const unknownFields = campaign.newDataFields.filter((field) => !known.has(field));
  if (unknownFields.length > 0) {
    findings.push({
      severity: 'no-go',
      code: 'field-not-in-lead-schema',
      message: `new data field ${list(unknownFields)} is neither a preset field nor defined on the campaign's forms: the lead endpoint would drop it. Add it to the form as a custom field in Contentful (and to the CRM mapping).`,
    });
  }
  const shown = new Set<string>([
    ...campaign.forms.flatMap((formId) => placementOf(formId)?.fields ?? []),
    ...customIds,
  ]);
  const notShown = campaign.newDataFields.filter((field) => known.has(field) && !shown.has(field));
  if (notShown.length > 0) {
    findings.push({
      severity: 'at-risk',
      code: 'field-not-on-form',
      message: `new data field ${list(notShown)} is in the lead schema but none of the campaign's forms shows it: add it to the form's "Fields shown".`,
    });
  }
  return findings;
}
