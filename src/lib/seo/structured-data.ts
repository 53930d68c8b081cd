import type { SiteSettings } from '../../schemas/site-settings.ts';
import type { LocalizedPage } from '../content/map-space.ts';
import { siteLocale } from '../../schemas/locales.ts';

interface StructuredDataInput {
  localized: LocalizedPage;
  settings: SiteSettings;
  site: URL;
  title: string;
  description: string;
  canonical: string;
}

/**
 * schema.org JSON-LD for a landing page: the Organization, the WebPage, and an FAQPage when the
 * page answers questions. https://developers.google.com/search/docs/appearance/structured-data
 */
export function structuredData({
  localized,
  settings,
  site,
  title,
  description,
  canonical,
}: StructuredDataInput): Record<string, unknown>[] {
  const organizationId = new URL('/#organization', site).href;
  const organization = {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    '@id': organizationId,
    name: settings.siteName,
    url: site.href,
    ...(settings.logo ? { logo: new URL(settings.logo.url, site).href } : {}),
  };
  const webPage = {
    '@context': 'https://schema.org',
    '@type': 'WebPage',
    name: title,
    description,
    url: canonical,
    inLanguage: siteLocale(localized.locale).code,
    publisher: { '@id': organizationId },
  };
  const questions = localized.page.sections.flatMap((section) =>
    section.type === 'faq' ? section.items : [],
  );
  const faqPage =
    questions.length === 0
      ? []
      : [
          {
            '@context': 'https://schema.org',
            '@type': 'FAQPage',
            mainEntity: questions.map((item) => ({
              '@type': 'Question',
              name: item.question,
              acceptedAnswer: { '@type': 'Answer', text: item.answer },
            })),
          },
        ];
  return [organization, webPage, ...faqPage];
}
