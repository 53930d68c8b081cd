/** What the draft preview tells components, through `Astro.locals`, so they tag fields. */
export interface LivePreviewContext {
  locale: string;
}

/**
 * The `data-contentful-*` attributes Live Preview's inspector mode reads: clicking the element in
 * Contentful opens this entry's field. `liveText` marks an element whose whole text is the field,
 * so the page's script can replace it as the marketer types. Outside the preview (static pages),
 * no attributes at all.
 */
export function fieldTags(
  context: LivePreviewContext | undefined,
  entryId: string | undefined,
  fieldId: string,
  options: { liveText?: boolean } = {},
): Record<string, string> {
  if (!context || !entryId) return {};
  return {
    'data-contentful-entry-id': entryId,
    'data-contentful-field-id': fieldId,
    'data-contentful-locale': context.locale,
    ...(options.liveText ? { 'data-live-text': '' } : {}),
  };
}
