import type { FormConfig, FormConfigMap } from '../../schemas/lead.ts';
import { defaultLocale, isLocaleCode, type LocaleCode } from '../../schemas/locales.ts';
import { pagePath } from '../i18n/paths.ts';
import { formAnchors } from './form-anchors.ts';
import type { HtmlContext } from './lead-responses.ts';
import { findForm } from './validate-lead.ts';

/** The page the post came from when it shows this form, else the form's first page. */
export function formPageSlug(form: FormConfig, posted: unknown): string {
  return typeof posted === 'string' && form.pageSlugs.includes(posted)
    ? posted
    : (form.pageSlugs[0] ?? 'home');
}

/** The locale the post names, if it is one of ours; otherwise the site's default. */
export function localeOf(posted: Record<string, unknown>): LocaleCode {
  return typeof posted.locale === 'string' && isLocaleCode(posted.locale) ? posted.locale : defaultLocale;
}

/** What a no-JS visitor's error page says around the problem: language, way back, the form again. */
export function htmlContext(posted: Record<string, unknown>, forms: FormConfigMap): HtmlContext {
  const locale = localeOf(posted);
  const form = findForm(forms, posted.formId);
  // A post that could not be read has nothing to show again.
  const resend = typeof posted.formId === 'string' ? { posted, form } : undefined;
  if (!form || typeof posted.formId !== 'string')
    return { locale, backHref: pagePath('home', locale), resend };
  const backHref = `${pagePath(formPageSlug(form, posted.pageSlug), locale)}#${formAnchors(posted.formId).form}`;
  const labels = Object.fromEntries(
    form.customFields.map((rule) => [rule.id, rule.labels[locale] ?? rule.labels[defaultLocale] ?? rule.id]),
  );
  return { locale, backHref, labels, resend };
}
