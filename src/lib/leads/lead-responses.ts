import type { LocaleCode } from '../i18n/locales.ts';
import { describeFieldError, renderErrorPage } from './error-page.ts';
import type { FieldError } from './field-errors.ts';

/** A refusal: the status, a stable machine code, a sentence a page can show, and field errors. */
export interface Problem {
  status: number;
  error: string;
  message: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

/** Where a no-JS visitor's error page is written for and links back to. */
export interface HtmlContext {
  locale: LocaleCode;
  backHref: string;
  /** Labels of the form's custom fields in the visitor's language, by field id. */
  labels?: Record<string, string>;
}

// Answers about one visitor's submission must never be cached by a CDN or the browser.
const noStore = { 'Cache-Control': 'no-store' };

/** JSON with the given status. */
export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...noStore, ...headers },
  });

/** A 303 to the success page: the no-JS post's answer, so a reload does not post twice. */
export const seeOther = (location: string) =>
  new Response(null, { status: 303, headers: { Location: location, ...noStore } });

/** A problem as JSON for the page script, or as a small HTML page for a no-JS form post. */
export function problemResponse(problem: Problem, html: HtmlContext | undefined): Response {
  const { status, error, message, errors, headers = {} } = problem;
  if (!html) return jsonResponse(status, errors ? { error, message, errors } : { error, message }, headers);
  const items = errors?.length
    ? errors.map((item) => describeFieldError(item, html.locale, html.labels))
    : [message];
  return new Response(renderErrorPage({ locale: html.locale, items, backHref: html.backHref }), {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', ...noStore, ...headers },
  });
}
