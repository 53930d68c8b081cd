import { leadMessages } from '../../schemas/lead-messages.ts';
import {
  LeadSubmissionSchema,
  type FormConfig,
  type FormConfigMap,
  type LeadSubmission,
} from '../../schemas/lead.ts';
import { leadFieldIds } from '../../schemas/lead-fields.ts';
import { consentVersionProblem } from '../consent/consent-version-rule.ts';
import { customFieldValues } from './custom-field-values.ts';
import { toFieldErrors, visitorErrorMap, type FieldError } from './field-errors.ts';

/** A lead that passed its form's rules, or every field error at once. */
export type LeadValidation =
  | { ok: true; lead: LeadSubmission; form: FormConfig; fields: Record<string, unknown> }
  | { ok: false; errors: FieldError[]; form: FormConfig | undefined };

/** The form config for a posted form id; `Object.hasOwn` so "constructor" is not a form. */
export function findForm(forms: FormConfigMap, formId: unknown): FormConfig | undefined {
  return typeof formId === 'string' && Object.hasOwn(forms, formId) ? forms[formId] : undefined;
}

const isBlank = (value: unknown) => value === undefined || (typeof value === 'string' && value.trim() === '');
const isCatalogField = (key: string) => leadFieldIds.some((id) => id === key);

/**
 * Validate a posted record against the lead schema, its form's preset and required fields, and the
 * form's custom fields. On success, `fields` holds every shown field's value under its id.
 */
export function validateLead(data: Record<string, unknown>, forms: FormConfigMap): LeadValidation {
  const form = findForm(forms, data.formId);
  const presets: readonly string[] = form?.fields ?? [];
  const custom = customFieldValues(data, form?.customFields ?? []);
  // Fields the form does not show are dropped, not judged: the visitor could not correct them.
  const input = Object.fromEntries(
    Object.entries(data).filter(([key]) => !isCatalogField(key) || presets.includes(key)),
  );
  const parsed = LeadSubmissionSchema.safeParse(input, { error: visitorErrorMap });
  const errors = [...(parsed.success ? [] : toFieldErrors(parsed.error.issues)), ...custom.errors];
  // Said with the other mistakes, so a visitor never fixes the form only to be told to reload it.
  const consentProblem =
    form &&
    typeof input.consentVersion === 'string' &&
    !errors.some((error) => error.field === 'consentVersion' || error.field === 'locale')
      ? consentVersionProblem(
          input.consentVersion.trim(),
          form,
          typeof input.locale === 'string' ? input.locale : '',
        )
      : undefined;
  if (consentProblem) errors.push({ field: 'consentVersion', message: consentProblem });
  if (!form && !errors.some((error) => error.field === 'formId')) {
    errors.push({ field: 'formId', message: leadMessages.formNotOpen });
  }
  // Required-ness is content, so it is checked here, where the form is known.
  const missing = (form?.requiredFields ?? [])
    .filter((field) => isBlank(input[field]) && !errors.some((error) => error.field === field))
    .map((field) => ({ field, message: leadMessages.missing }));
  if (parsed.success && form && missing.length === 0 && custom.errors.length === 0 && !consentProblem) {
    const preset = Object.fromEntries(
      form.fields.flatMap((field) => (parsed.data[field] === undefined ? [] : [[field, parsed.data[field]]])),
    );
    return { ok: true, lead: parsed.data, form, fields: { ...preset, ...custom.values } };
  }
  // Errors in the order the visitor sees the fields; the rest (consent, hidden inputs) after them.
  const shown = [...presets, ...(form?.customFields ?? []).map((rule) => rule.id)];
  const rank = (field: string) => (shown.includes(field) ? shown.indexOf(field) : shown.length);
  const all = [...missing, ...errors].sort((a, b) => rank(a.field) - rank(b.field));
  return { ok: false, errors: all, form };
}
