import type { APIRoute } from 'astro';
import { siteSettings } from '../content/site.ts';
import { defaultLocale } from '../schemas/locales.ts';
import { brandCss } from '../lib/theme/brand-css.ts';

/**
 * The brand colours from Site settings as CSS custom properties, in a file of their own so the
 * Content-Security-Policy can forbid inline styles and the colours still come from the CMS.
 */
export const GET: APIRoute = async () =>
  new Response(brandCss(await siteSettings(defaultLocale)), {
    headers: { 'Content-Type': 'text/css; charset=utf-8' },
  });
