import { z } from 'zod';
import type { LocaleCode } from '../../schemas/locales.ts';

const ErrorPagesSchema = z.record(z.string(), z.string());

/**
 * The no-JS error page templates (`src/pages/lead-error/[locale].astro`) the build bundled with
 * the lead function (`read` imports the
 * file), loaded once per instance, like the form rules: never fetched, so no request can choose
 * them. Without them (no build yet, a bad file) the page is plain but still complete, and the
 * next request tries again.
 */
export function createErrorTemplateSource(read: () => Promise<unknown>) {
  let loaded: Promise<Record<string, string>> | undefined;
  return async (locale: LocaleCode): Promise<string | undefined> => {
    loaded ??= read()
      .then((json) => ErrorPagesSchema.parse(json))
      .catch(() => {
        loaded = undefined;
        return {};
      });
    return (await loaded)[locale];
  };
}
