import type { FormFieldRule } from '../../schemas/form-field.ts';
import { leadMessages } from '../../schemas/lead-messages.ts';
import { customFieldSchema } from './form-field-rules.ts';
import { toFieldErrors, visitorErrorMap, type FieldError } from './field-errors.ts';

const isBlank = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.every(isBlank));

const missingMessage = (rule: FormFieldRule) =>
  rule.type === 'checkbox' || rule.type === 'consent'
    ? leadMessages.tick
    : rule.type === 'select' || rule.type === 'multiSelect'
      ? leadMessages.choose
      : leadMessages.missing;

/**
 * The posted values of a form's custom fields, judged by their rules: values under the field ids
 * (the CRM property names), or one error per field. A hidden field sends the value set in
 * Contentful, whatever the post says; an unticked checkbox is `false`.
 */
export function customFieldValues(
  data: Record<string, unknown>,
  rules: readonly FormFieldRule[],
): { values: Record<string, unknown>; errors: FieldError[] } {
  const values: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const rule of rules) {
    const posted = Object.hasOwn(data, rule.id) ? data[rule.id] : undefined;
    if (rule.type !== 'hidden' && isBlank(posted)) {
      if (rule.required) errors.push({ field: rule.id, message: missingMessage(rule) });
      else if (rule.type === 'checkbox' || rule.type === 'consent') values[rule.id] = false;
      continue;
    }
    const parsed = customFieldSchema(rule).safeParse(posted, { error: visitorErrorMap });
    if (parsed.success) values[rule.id] = parsed.data;
    else errors.push(...toFieldErrors(parsed.error.issues.map((issue) => ({ ...issue, path: [rule.id] }))));
  }
  return { values, errors };
}
