import { escapeHtml } from '../content/escape-html.ts';
import { siteLocale, type LocaleCode } from '../i18n/locales.ts';
import { ui } from '../i18n/ui.ts';
import { leadFieldIds } from '../../schemas/lead-fields.ts';
import type { FieldError } from './field-errors.ts';

const strings: Record<LocaleCode, { back: string }> = {
  'en-US': { back: 'Back to the form' },
  'de-DE': { back: 'Zurück zum Formular' },
};

/**
 * "Work email: enter an email address…", with the label the visitor saw next to the input;
 * `customLabels` names the form's fields defined in Contentful.
 */
export function describeFieldError(
  { field, message }: FieldError,
  locale: LocaleCode,
  customLabels: Record<string, string> = {},
): string {
  const id = leadFieldIds.find((known) => known === field);
  const custom = Object.hasOwn(customLabels, field) ? customLabels[field] : undefined;
  const label = id
    ? ui[locale].fieldLabels[id]
    : field === 'consent'
      ? ui[locale].consentFieldName
      : (custom ?? field);
  return `${label}: ${message}`;
}

/** What the error page says and where it links. */
export interface ErrorPageOptions {
  locale: LocaleCode;
  /** One line per problem, plain text (escaped here). */
  items: readonly string[];
  /** Where "back to the form" goes, e.g. `/spring-webinar/#signup`. */
  backHref: string;
}

/**
 * The answer to a no-JavaScript post that failed: a tiny self-contained page (no script, no
 * inline style, which the site's CSP would block anyway) listing what to fix and linking back.
 */
export function renderErrorPage({ locale, items, backHref }: ErrorPageOptions): string {
  const title = escapeHtml(ui[locale].errorSummaryTitle);
  const list = items.map((item) => `      <li>${escapeHtml(item)}</li>`).join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(siteLocale(locale).lang)}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex">
    <title>${title}</title>
  </head>
  <body>
    <main>
      <h1>${title}</h1>
      <ul>
${list}
      </ul>
      <p><a href="${escapeHtml(backHref)}">${escapeHtml(strings[locale].back)}</a></p>
    </main>
  </body>
</html>
`;
}
