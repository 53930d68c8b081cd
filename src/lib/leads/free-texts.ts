import { leadFieldCatalog, type LeadFieldId } from '../../schemas/lead-fields.ts';

const isCatalogField = (field: string): field is LeadFieldId => Object.hasOwn(leadFieldCatalog, field);

/**
 * The values a visitor typed freely (names, company, message: not email, phone or a choice), with
 * whether the field is multi-line: a link in a name is spam, one in a message may not be.
 */
export function freeTexts(fields: Record<string, unknown>): { value: string; multiline: boolean }[] {
  return Object.entries(fields).flatMap(([field, value]) => {
    if (typeof value !== 'string' || !isCatalogField(field)) return [];
    const { type } = leadFieldCatalog[field].input;
    return type === 'text' || type === 'textarea' ? [{ value, multiline: type === 'textarea' }] : [];
  });
}
