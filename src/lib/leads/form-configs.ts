import type { CampaignRef } from '../../schemas/campaign.ts';
import type { LocalizedPage } from '../content/map-space.ts';
import type { FormFieldRule } from '../../schemas/form-field.ts';
import { defaultLocale, type LocaleCode } from '../../schemas/locales.ts';
import type { LeadForm } from '../../schemas/blocks/lead-form.ts';
import type { FormMailTexts } from '../../schemas/confirmation-mail.ts';
import type { FormConfig, FormConfigMap } from '../../schemas/lead.ts';
import { ruleOf } from '../../schemas/form-definition.ts';

/** Two lead form entries claim one form id but ask for different fields. */
export class FormConfigConflictError extends Error {
  override name = 'FormConfigConflictError';
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, index) => item === b[index]);

// Custom fields agree when everything but their (per-locale) labels does.
const withoutLabels = (rules: readonly FormFieldRule[]) =>
  JSON.stringify(rules.map(({ labels: _, ...rule }) => rule));
const sameRules = (a: readonly FormFieldRule[], b: readonly FormFieldRule[]) =>
  withoutLabels(a) === withoutLabels(b);

/** A form's campaign and its delivery ticket (weight, cap), as the lead function records them. */
const campaignOf = (
  campaign: CampaignRef,
): Pick<FormConfig, 'campaign' | 'campaignWeight' | 'campaignMaxPerSecond'> => ({
  campaign: campaign.key,
  ...(campaign.deliveryWeight === undefined ? {} : { campaignWeight: campaign.deliveryWeight }),
  ...(campaign.maxDeliveriesPerSecond === undefined
    ? {}
    : { campaignMaxPerSecond: campaign.maxDeliveriesPerSecond }),
});

/**
 * Every lead form on the site by `formId`, from the built pages: what the lead endpoint checks a
 * post against. Locales share one config because fields and required fields are not localized;
 * a form id reused by a different form would make the endpoint judge one form by another's rules,
 * so that fails the build with both pages named.
 */
export function formConfigsFrom(pages: readonly LocalizedPage[]): FormConfigMap {
  const forms = new Map<string, FormConfig>();
  // Success pages are compared by entry, since each locale may give the page its own slug.
  const successPageIds = new Map<string, string | undefined>();
  for (const { page, locale } of pages) {
    for (const block of page.sections) {
      if (block.type !== 'leadForm') continue;
      const known = forms.get(block.formId);
      const customFields = block.customFields.map((field) => ruleOf(field, { [locale]: field.label }));
      const success = block.successPage;
      if (!known) {
        successPageIds.set(block.formId, success?.id);
        forms.set(block.formId, {
          fields: block.fields,
          requiredFields: block.requiredFields,
          customFields,
          successSlug: success?.slug,
          ...(success ? { successSlugs: { [locale]: success.slug } } : {}),
          pageSlugs: [page.slug],
          lane: block.priority,
          consentEntries: [block.id],
          ...(page.campaign ? campaignOf(page.campaign) : {}),
          ...(block.needsConfirmation ? { needsConfirmation: true } : {}),
          ...mailsOf(block, locale),
        });
        continue;
      }
      const agrees =
        sameList(known.fields, block.fields) &&
        sameList(known.requiredFields, block.requiredFields) &&
        sameRules(known.customFields, customFields) &&
        known.lane === block.priority &&
        Boolean(known.needsConfirmation) === block.needsConfirmation &&
        successPageIds.get(block.formId) === success?.id;
      if (!agrees) {
        throw new FormConfigConflictError(
          `leadForm "${block.formId}" on page "${page.slug}" differs from the form with the same id on ` +
            `page "${known.pageSlugs[0]}" (fields, required fields, custom fields, confirmation, success page or priority): give each form its own form id`,
        );
      }
      if (!known.pageSlugs.includes(page.slug)) known.pageSlugs.push(page.slug);
      if (!known.consentEntries?.includes(block.id)) known.consentEntries?.push(block.id);
      // A form on pages of several campaigns belongs to the first that names it.
      if (page.campaign && !known.campaign) Object.assign(known, campaignOf(page.campaign));
      // The same form in another locale: its labels, for messages in that language.
      known.customFields.forEach((rule, index) => Object.assign(rule.labels, customFields[index]?.labels));
      if (success && known.successSlugs) known.successSlugs[locale] = success.slug;
      if (success && locale === defaultLocale) known.successSlug = success.slug;
      const mails = mailsOf(block, locale).mails;
      if (mails) known.mails = { ...known.mails, ...mails };
    }
  }
  return Object.fromEntries([...forms].sort(([a], [b]) => a.localeCompare(b)));
}

/** A form's mail texts in one locale, when it has any (the worker sends them: src/lib/doi). */
function mailsOf(block: LeadForm, locale: LocaleCode): Pick<FormConfig, 'mails'> {
  const texts: FormMailTexts = {};
  if (block.needsConfirmation && block.confirmationSubject && block.confirmationBody)
    texts.confirmation = { subject: block.confirmationSubject, body: block.confirmationBody };
  if (block.receiptSubject && block.receiptBody)
    texts.receipt = { subject: block.receiptSubject, body: block.receiptBody };
  return texts.confirmation || texts.receipt ? { mails: { [locale]: texts } } : {};
}
