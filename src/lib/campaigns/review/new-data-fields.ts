import type { FormConfigMap } from '../../../schemas/lead.ts';
import type { MappedCampaign } from '../map-campaigns.ts';

/** The data fields a form collects: its shown preset fields and its custom fields. */
const collected = (config: FormConfigMap[string]) => [
  ...config.fields,
  ...config.customFields.map((rule) => rule.id),
];

/**
 * The data fields a campaign's forms collect that no earlier form did: fields of its forms minus
 * those of every other form on the published site (a published form already collects, whatever
 * ticket it belongs to; the content holds no history older than that). `undeclared` are the new
 * ones the ticket's `newDataFields` does not list: the on-call reviewer asks about those first.
 */
export function newDataFields(
  mapped: MappedCampaign,
  forms: FormConfigMap,
): { fields: string[]; undeclared: string[] } {
  const own = new Set(mapped.campaign.forms);
  const earlier = new Set<string>();
  const mine = new Set<string>();
  for (const [formId, config] of Object.entries(forms))
    for (const field of collected(config)) (own.has(formId) ? mine : earlier).add(field);
  const fields = [...mine].filter((field) => !earlier.has(field)).sort();
  const declared = new Set(mapped.campaign.newDataFields);
  return { fields, undeclared: fields.filter((field) => !declared.has(field)) };
}
