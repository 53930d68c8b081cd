import type { FormConfig } from '../../schemas/lead.ts';
import type { LocaleCode } from '../../schemas/locales.ts';
import { formMailTexts } from './render-mail.ts';

/**
 * Whether an accepted lead gets a receipt mail: its form has receipt texts for the visitor's
 * locale (or the default locale's, as the worker falls back) and the lead has an address to send
 * it to. The intake passes the answer to the enqueue, whose one statement writes the mail job.
 */
export function wantsReceipt(
  form: Pick<FormConfig, 'mails'>,
  locale: LocaleCode,
  fields: Readonly<Record<string, unknown>>,
): boolean {
  return typeof fields.email === 'string' && formMailTexts(form, locale, 'receipt') !== undefined;
}
