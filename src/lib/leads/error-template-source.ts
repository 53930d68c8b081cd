import type { LocaleCode } from '../i18n/locales.ts';

/** Path of the build's no-JS error page template for a locale (`src/pages/lead-error/[locale].astro`). */
export const errorTemplatePath = (locale: LocaleCode) => `/lead-error/${locale}/`;

/**
 * Loads each locale's error page template once per function instance, from the same deploy as the
 * form (the request's origin), like the form rules; a failed load is retried on the next request.
 */
export function createErrorTemplateSource(fetchText: (url: URL) => Promise<string>) {
  const loaded = new Map<string, Promise<string>>();
  return (siteOrigin: string, locale: LocaleCode): Promise<string> => {
    const url = new URL(errorTemplatePath(locale), siteOrigin);
    let template = loaded.get(url.href);
    if (!template) {
      template = fetchText(url).catch((error: unknown) => {
        loaded.delete(url.href);
        throw error;
      });
      loaded.set(url.href, template);
    }
    return template;
  };
}

/** `fetch` a text document, failing on any non-2xx answer. */
export async function fetchTextDocument(url: URL, timeoutMs = 3000): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`GET ${url.pathname} answered ${response.status}`);
  return response.text();
}
