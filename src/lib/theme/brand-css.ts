import type { SiteSettings } from '../../schemas/site-settings.ts';

/** The theme's brand custom properties; everything else in the theme is derived from these four. */
export function brandCss(
  settings: Pick<SiteSettings, 'brandPrimary' | 'brandAccent' | 'brandInk' | 'brandSurface'>,
): string {
  return [
    ':root {',
    `  --brand-primary: ${settings.brandPrimary};`,
    `  --brand-accent: ${settings.brandAccent};`,
    `  --brand-ink: ${settings.brandInk};`,
    `  --brand-surface: ${settings.brandSurface};`,
    '}',
    '',
  ].join('\n');
}
