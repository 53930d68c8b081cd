import type { ContentType, SpaceAsset, SpaceEntry, SpaceExport } from '../../schemas/space-export.ts';

/** A space export indexed by id, so link resolution is a map lookup rather than a scan. */
export interface SpaceIndex {
  entries: Map<string, SpaceEntry>;
  assets: Map<string, SpaceAsset>;
  contentTypes: Map<string, ContentType>;
  defaultLocale: string;
  defaultChain: readonly string[];
}

/** Index a space export. */
export function indexSpace(space: SpaceExport): SpaceIndex {
  const defaultLocale = space.locales.find((locale) => locale.default)?.code ?? space.locales[0].code;
  return {
    entries: new Map(space.entries.map((entry) => [entry.sys.id, entry])),
    assets: new Map(space.assets.map((asset) => [asset.sys.id, asset])),
    contentTypes: new Map(space.contentTypes.map((contentType) => [contentType.sys.id, contentType])),
    defaultLocale,
    defaultChain: [defaultLocale],
  };
}
