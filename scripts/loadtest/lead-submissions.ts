import type { FormFieldRule } from '../../src/schemas/form-field.ts';
import { companySizes, type LeadFieldId } from '../../src/schemas/lead-fields.ts';
import { ruleOf } from '../../src/schemas/form-definition.ts';
import type { LocaleCode } from '../../src/schemas/locales.ts';
import type { LocalizedPage } from '../../src/lib/content/map-space.ts';
import { blockSite } from '../../src/lib/content/block-site.ts';
import { shownConsent } from '../../src/lib/consent/shown-consent.ts';
import type { SiteSettings } from '../../src/schemas/site-settings.ts';

/** A lead form a load test posts to, and the pages that show it. */
export interface FormTarget {
  formId: string;
  fields: LeadFieldId[];
  /** The form's fields defined in Contentful, with their rules. */
  customFields: FormFieldRule[];
  /** The pages (slug and locale) showing the form, with the consent version each posts; a post names one. */
  pages: { slug: string; locale: LocaleCode; consentVersion: string }[];
}

/** One form submission as the page script posts it, and what identifies it afterwards. */
export interface Submission {
  idempotencyKey: string;
  email: string;
  body: Record<string, unknown>;
}

/** The lead forms with these ids, as the site's pages show them (consent versions as the page posts them). */
export function formTargets(
  pages: readonly LocalizedPage[],
  formIds: readonly string[],
  settings: Partial<Record<LocaleCode, Pick<SiteSettings, 'privacyPage'>>> = {},
): FormTarget[] {
  const targets = new Map<string, FormTarget>();
  for (const { page, locale } of pages) {
    for (const block of page.sections) {
      if (block.type !== 'leadForm' || !formIds.includes(block.formId)) continue;
      const target = targets.get(block.formId) ?? {
        formId: block.formId,
        fields: block.fields,
        customFields: block.customFields.map((field) => ruleOf(field)),
        pages: [],
      };
      const { privacy } = blockSite(pages, settings[locale] ?? {}, locale);
      target.pages.push({
        slug: page.slug,
        locale,
        consentVersion: shownConsent(block, locale, privacy).version,
      });
      targets.set(block.formId, target);
    }
  }
  return formIds.flatMap((id) => targets.get(id) ?? []);
}

const firstNames = ['Ada', 'Grace', 'Linus', 'Margaret', 'Jonas', 'Priya', 'Tomás', 'Sofia', 'Amara', 'Lena'];
const lastNames = ['Lovelace', 'Hopper', 'Berg', 'Hamilton', 'Becker', 'Raman', 'Ortega', 'Marchetti'];
const companies = ['Northwind', 'Globex', 'Initech', 'Umbrella Logistics', 'Stark Analytics', 'Acme GmbH'];
const jobTitles = ['Head of Product', 'Product Manager', 'VP Customer Success', 'CTO', 'UX Researcher'];
const countries = ['Germany', 'United States', 'Austria', 'Switzerland', 'United Kingdom', 'Netherlands'];

/** What makes submissions realistic and traceable to one run. */
export interface SubmissionFactoryOptions {
  forms: readonly FormTarget[];
  /** Goes into every email and `utm_content`, so a run's leads can be told apart from real ones. */
  runId: string;
  campaignKey: string | undefined;
  random: () => number;
  uuid: () => string;
  now: () => number;
}

/**
 * Submissions a visitor could have made: the form's own fields with plausible values, consent,
 * a fresh idempotency key, UTM parameters, and a fill time of 8–90 s (people read before they
 * type), so the spam check treats them as the people they stand for.
 */
export function createSubmissionFactory(options: SubmissionFactoryOptions): () => Submission {
  const { forms, runId, random } = options;
  if (forms.length === 0) throw new Error('a load test needs at least one lead form to post to');
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  let sequence = 0;
  return () => {
    sequence += 1;
    const form = pick(forms);
    const page = pick(form.pages);
    const email = `loadtest+${runId}-${sequence}@example.com`;
    const values: Record<LeadFieldId, string> = {
      email,
      firstName: pick(firstNames),
      lastName: pick(lastNames),
      company: pick(companies),
      jobTitle: pick(jobTitles),
      phone: `+49 30 ${String(1_000_000 + Math.floor(random() * 8_999_999))}`,
      country: pick(countries),
      companySize: pick(companySizes),
      message: 'Please get in touch about a demo for our product team.',
    };
    // Custom fields get a value their rule accepts; hidden ones send their own.
    const custom = (rule: FormFieldRule): [string, unknown][] => {
      const options = rule.options ?? [];
      const byType: Partial<Record<FormFieldRule['type'], unknown>> = {
        email,
        text: pick(jobTitles),
        longText: values.message,
        phone: values.phone,
        number: rule.min ?? 1,
        select: pick(options),
        multiSelect: [pick(options)],
        checkbox: true,
        consent: true,
      };
      return rule.type in byType ? [[rule.id, byType[rule.type]]] : [];
    };
    const fillMs = 8_000 + Math.floor(random() * 82_000);
    const idempotencyKey = options.uuid();
    const body = {
      ...Object.fromEntries(form.fields.map((field) => [field, values[field]])),
      ...Object.fromEntries(form.customFields.flatMap(custom)),
      formId: form.formId,
      pageSlug: page.slug,
      locale: page.locale,
      consent: true,
      consentVersion: page.consentVersion,
      idempotencyKey,
      startedAt: options.now() - fillMs,
      fillMs,
      utm: {
        utm_source: 'loadtest',
        utm_medium: 'email',
        utm_campaign: options.campaignKey ?? 'loadtest',
        utm_content: runId,
      },
    };
    return { idempotencyKey, email, body };
  };
}
