import type { FormConfigMap } from '../../../schemas/lead.ts';
import type { MappedCampaign } from '../map-campaigns.ts';

/** The data fields a form collects: its shown preset fields and its custom fields. */
const collected = (config: FormConfigMap[string]) => [...config.fields, ...config.customFields.map((rule) => rule.id)];

/**
 * The data fields a campaign's forms collect that no earlier form did: fields of its forms minus
 * those of every other live form, except forms that only campaigns launching later claim (they are
 * not "earlier", even if their pages are published ahead). `undeclared` are the new ones the
 * ticket's `newDataFields` does not list: the on-call reviewer should ask about those first.
 */
export function newDataFields(
  mapped: MappedCampaign,
  forms: FormConfigMap,
  campaigns: readonly MappedCampaign[],
): { fields: string[]; undeclared: string[] } {
  const { campaign } = mapped;
  const launch = Date.parse(campaign.launchAt);
  const own = new Set(campaign.forms);
  const laterOnly = new Set(
    campaigns
      .filter(({ campaign: other }) => Date.parse(other.launchAt) >= launch && other.id !== campaign.id)
      .flatMap(({ campaign: other }) => other.forms),
  );
  for (const { campaign: other } of campaigns)
    if (Date.parse(other.launchAt) < launch) for (const form of other.forms) laterOnly.delete(form);
  const earlier = new Set<string>();
  const mine = new Set<string>();
  for (const [formId, config] of Object.entries(forms)) {
    if (own.has(formId)) for (const field of collected(config)) mine.add(field);
    else if (!laterOnly.has(formId)) for (const field of collected(config)) earlier.add(field);
  }
  const fields = [...mine].filter((field) => !earlier.has(field)).sort();
  const declared = new Set(campaign.newDataFields);
  return { fields, undeclared: fields.filter((field) => !declared.has(field)) };
}
