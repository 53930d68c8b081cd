import type { APIRoute } from 'astro';
import { allPages, siteSettings } from '../content/site.ts';
import { siteConsentTexts } from '../lib/consent/site-consent-texts.ts';
import { localeCodes } from '../schemas/locales.ts';

/**
 * Every consent text the pages show, under the version each form posts. Never published:
 * `src/integrations/consent-texts.ts` moves it beside the form rules, where the lead function and
 * the drainer bundle it and store each text once (docs/consent.md).
 */
export const GET: APIRoute = async ({ site }) => {
  const settings = new Map(
    await Promise.all(localeCodes.map(async (locale) => [locale, await siteSettings(locale)] as const)),
  );
  const texts = siteConsentTexts(await allPages(), (locale) => settings.get(locale) ?? {}, site);
  return new Response(JSON.stringify(texts), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
