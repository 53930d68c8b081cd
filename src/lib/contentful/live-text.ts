/**
 * The text of one field in an entry as Live Preview sends it on an edit: a REST entry whose fields
 * hold the value for the subscribed locale (or, for safety, a map of locales to values).
 */
export function liveFieldText(entry: unknown, fieldId: string, locale: string): string | undefined {
  const fields = (entry as { fields?: Record<string, unknown> } | null)?.fields;
  const value = fields?.[fieldId];
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const localized = (value as Record<string, unknown>)[locale];
    if (typeof localized === 'string') return localized;
  }
  return undefined;
}
