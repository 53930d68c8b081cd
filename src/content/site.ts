import { getCollection, getEntry } from 'astro:content';
import type { LocalizedPage } from '../lib/content/map-space.ts';
import type { LocaleCode } from '../lib/i18n/locales.ts';
import type { SiteSettings } from '../schemas/site-settings.ts';

/** Every landing page in every locale. */
export async function allPages(): Promise<LocalizedPage[]> {
  return (await getCollection('pages')).map((entry) => entry.data);
}

/** The site settings in a locale (the build fails earlier if they are missing). */
export async function siteSettings(locale: LocaleCode): Promise<SiteSettings> {
  const entry = await getEntry('settings', locale);
  if (!entry) throw new Error(`No site settings for ${locale}`);
  return entry.data.settings;
}
