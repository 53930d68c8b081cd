import type { FormConfig } from '../../schemas/lead.ts';
import { leadFieldCatalog, type LeadFieldId } from '../../schemas/lead-fields.ts';

const isCatalogField = (field: string): field is LeadFieldId => Object.hasOwn(leadFieldCatalog, field);

/** Whether a field is typed freely, and on how many lines; undefined for emails, phones and choices. */
function textKind(field: string, form: FormConfig): 'one-line' | 'multi-line' | undefined {
  const type = isCatalogField(field)
    ? leadFieldCatalog[field].input.type
    : form.customFields.find((rule) => rule.id === field)?.type;
  if (type === 'text') return 'one-line';
  if (type === 'textarea' || type === 'longText') return 'multi-line';
  return undefined;
}

/**
 * The values a visitor typed freely (names, company, message: not email, phone or a choice), with
 * whether the field is multi-line: a link in a name is spam, one in a message may not be.
 */
export function freeTexts(
  fields: Record<string, unknown>,
  form: FormConfig,
): { value: string; multiline: boolean }[] {
  return Object.entries(fields).flatMap(([field, value]) => {
    const kind = textKind(field, form);
    return typeof value === 'string' && kind ? [{ value, multiline: kind === 'multi-line' }] : [];
  });
}
