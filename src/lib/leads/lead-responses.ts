import type { LocaleCode } from '../../schemas/locales.ts';
import { describeFieldError, renderErrorPage } from './error-page.ts';
import type { FieldError } from './field-errors.ts';
import type { ResendForm } from './resend-form.ts';

/** A refusal: the status, a stable machine code, a sentence a page can show, and field errors. */
export interface Problem {
  status: number;
  error: string;
  message: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

/** Where a no-JS visitor's error page is written for and links back to, and what it shows again. */
export interface HtmlContext {
  locale: LocaleCode;
  backHref: string;
  /** Labels of the form's custom fields in the visitor's language, by field id. */
  labels?: Record<string, string>;
  /** The build's error page template in the visitor's locale, when it could be loaded. */
  template?: string | undefined;
  /** The post and its form's rules, so the page can offer the form again, filled in. */
  resend?: Pick<ResendForm, 'posted' | 'form'> | undefined;
}

/** Carries a refusal's machine code (`invalid_lead`, `invalid_json`…): read by src/lib/ops/refusal-recorder.ts. */
export const REFUSAL_HEADER = 'X-Floodgate-Refusal';

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
  const { status, error, message, errors } = problem;
  // The machine code on both kinds of answer, so /ops/ counts refusals by reason without reading bodies.
  const headers = { [REFUSAL_HEADER]: error, ...problem.headers };
  if (!html) return jsonResponse(status, errors ? { error, message, errors } : { error, message }, headers);
  const items = errors?.length
    ? errors.map((item) => describeFieldError(item, html.locale, html.labels))
    : [message];
  const resend = html.resend && { ...html.resend, errors: errors ?? [], consentLabelHtml: undefined };
  const page = renderErrorPage({ ...html, items, resend });
  return new Response(page, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', ...noStore, ...headers },
  });
}
