import type { SpaceLocale } from '../../schemas/space-export.ts';

/**
 * The locales to try, in order, for a field in `code`: the locale itself, then its
 * `fallbackCode`, and so on, as Contentful's delivery API resolves them. Stops at a cycle.
 * https://www.contentful.com/developers/docs/tutorials/general/setting-locales/#fallback-locales
 */
export function fallbackChain(locales: SpaceLocale[], code: string): string[] {
  const byCode = new Map(locales.map((locale) => [locale.code, locale]));
  const chain: string[] = [];
  let current: string | null | undefined = code;
  while (current && !chain.includes(current) && byCode.has(current)) {
    chain.push(current);
    current = byCode.get(current)?.fallbackCode;
  }
  return chain;
}

/** The first value present along the chain; Contentful omits untranslated fields rather than storing null. */
export function localizedValue(
  field: Record<string, unknown> | undefined,
  chain: readonly string[],
): unknown {
  if (!field) return undefined;
  for (const code of chain) {
    const value = field[code];
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}
