import { barePage } from '../http/bare-page.ts';
import { escapeHtml } from '../content/escape-html.ts';
import { siteLocale, type LocaleCode } from '../../schemas/locales.ts';
import { ui } from '../i18n/ui.ts';
import { leadFieldIds } from '../../schemas/lead-fields.ts';
import type { FieldError } from './field-errors.ts';
import { renderResendForm, type ResendForm } from './resend-form.ts';

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
  /** The build's page for this locale (`src/pages/lead-error/[locale].astro`, bundled with the function): site stylesheet, header and footer. */
  template?: string | undefined;
  /** The visitor's post, to show again in a form they can fix and resend. */
  resend?: ResendForm | undefined;
}

/** Where the build's template takes the page's content (`src/pages/lead-error/[locale].astro`). */
export const errorSlot = '<lead-error-slot></lead-error-slot>';
const consentTemplates = /<template data-consent-for="([a-z0-9-]+)">([\s\S]*?)<\/template>/g;

/**
 * The answer to a no-JavaScript post that failed, in the visitor's language: what to fix, the form
 * again with everything they typed, and a link back. Inside the build's template it is a page of
 * the site like any other; without one (the template could not be fetched) a small plain page.
 * No script and no inline style either way, which the site's CSP would block.
 */
export function renderErrorPage({ locale, items, backHref, template, resend }: ErrorPageOptions): string {
  const title = escapeHtml(ui[locale].errorSummaryTitle);
  const list = items.map((item) => `      <li>${escapeHtml(item)}</li>`).join('\n');
  const back = `<p><a href="${escapeHtml(backHref)}">${escapeHtml(strings[locale].back)}</a></p>`;
  if (template?.includes(errorSlot)) {
    const consent = new Map([...template.matchAll(consentTemplates)].map((match) => [match[1], match[2]]));
    const formId = typeof resend?.posted.formId === 'string' ? resend.posted.formId : undefined;
    const form =
      resend && renderResendForm({ ...resend, consentLabelHtml: formId && consent.get(formId) }, locale);
    const main = `<div class="error-summary" role="alert" aria-labelledby="lead-error-title">
<h1 id="lead-error-title" class="error-summary-title">${title}</h1>
<ul class="error-summary-list">
${list}
</ul></div>
${form ? `<div class="card lead-card">${form}</div>` : ''}
${back}`;
    return template.replace(consentTemplates, '').replace(errorSlot, () => main);
  }
  return barePage(
    escapeHtml(siteLocale(locale).lang),
    title,
    `      <h1>${title}</h1>
      <ul>
${list}
      </ul>
      ${resend ? renderResendForm(resend, locale) : ''}
      ${back}`,
  );
}
