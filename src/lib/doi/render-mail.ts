import { LINK_PLACEHOLDER, type FormMailTexts } from '../../schemas/confirmation-mail.ts';
import { defaultLocale, type LocaleCode } from '../../schemas/locales.ts';
import type { FormConfig, FormConfigMap } from '../../schemas/lead.ts';

/** A mail ready for the transport. */
export interface RenderedMail {
  subject: string;
  text: string;
}

export type MailKind = 'confirmation' | 'receipt';

/**
 * A form's texts for a mail in the lead's locale, falling back to the default locale's (as the
 * site falls back for a missing translation); undefined when the form (no longer) has that mail.
 */
export function mailTextsFor(
  forms: FormConfigMap,
  formId: string,
  locale: LocaleCode,
  kind: MailKind,
): FormMailTexts[MailKind] | undefined {
  if (!Object.hasOwn(forms, formId)) return undefined;
  const form = forms[formId];
  return form && formMailTexts(form, locale, kind);
}

/** One form's texts for a mail in a locale, with the same fallback (the intake asks it of a receipt). */
export function formMailTexts(
  form: Pick<FormConfig, 'mails'>,
  locale: LocaleCode,
  kind: MailKind,
): FormMailTexts[MailKind] | undefined {
  return form.mails?.[locale]?.[kind] ?? form.mails?.[defaultLocale]?.[kind];
}

/** Plain text with the link where the marketer put `{link}` (on a line of its own: mail clients wrap). */
export function renderMail(texts: { subject: string; body: string }, link?: string): RenderedMail {
  const text = link ? texts.body.split(LINK_PLACEHOLDER).join(`\n${link}\n`) : texts.body;
  return {
    subject: texts.subject.replace(/[\r\n]+/g, ' '),
    text: `${text
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()}\n`,
  };
}
