import { SlugSchema } from '../../schemas/fields.ts';
import { defaultLocale, isLocaleCode, siteLocales, type LocaleCode } from '../../schemas/locales.ts';
import { homeSlug } from '../i18n/paths.ts';

export interface PreviewTarget {
  slug: string;
  locale: LocaleCode;
}

/**
 * The page a preview URL asks for: `/preview/` (home), `/preview/winter-sale/`,
 * `/preview/de/winter-sale/`; a `locale` query parameter (Contentful's `{locale}` placeholder)
 * takes precedence over the path prefix. `undefined` when it names no possible page.
 */
export function previewTarget(
  path: string | undefined,
  localeParam: string | null,
): PreviewTarget | undefined {
  const segments = (path ?? '').split('/').filter(Boolean);
  const prefixed = siteLocales.find((locale) => locale.prefix !== '' && locale.prefix === segments[0]);
  if (prefixed) segments.shift();
  if (localeParam !== null && !isLocaleCode(localeParam)) return undefined;
  const locale = localeParam ?? prefixed?.code ?? defaultLocale;
  if (segments.length > 1) return undefined;
  const slug = segments[0] ?? homeSlug;
  return SlugSchema.safeParse(slug).success ? { slug, locale } : undefined;
}
