/**
 * The form rules the build writes for the lead function (`.floodgate/form-rules.json`, see
 * `src/integrations/form-rules.ts`). Declared so type checks pass before the first build; the
 * function parses the file with `FormConfigMapSchema` anyway, so `unknown` is all it needs.
 */
declare module '*/form-rules.json' {
  const rules: unknown;
  export default rules;
}

/**
 * The no-JS error page templates the build writes beside the form rules
 * (`.floodgate/error-pages.json`, by locale), parsed at the boundary by `createErrorTemplateSource`.
 */
declare module '*/error-pages.json' {
  const pages: unknown;
  export default pages;
}

/**
 * The consent texts the build writes beside the form rules (`.floodgate/consent-texts.json`, see
 * `src/integrations/consent-texts.ts`), parsed at the boundary before they are stored.
 */
declare module '*/consent-texts.json' {
  const texts: unknown;
  export default texts;
}
