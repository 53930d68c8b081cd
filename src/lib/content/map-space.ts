import type { SpaceExport } from '../../schemas/space-export.ts';
import { ContentValidationError } from './content-validation-error.ts';
import { mapSite } from './map-site.ts';
import type { MappedSite } from './mapped-site.ts';

export type { Alternate, LocalizedPage } from './localized-page.ts';
export type { MappedSite } from './mapped-site.ts';

export { alternatesOf, entryIdsOfType, formatWarnings, missingSettingsMessage } from './site-structure.ts';

/**
 * Map a whole space and insist that every entry is valid: throws a ContentValidationError listing
 * every problem. For tools that judge content (the readiness report, tests); the site's build uses
 * `mapSite`, which leaves a broken entry out and builds the rest.
 */
export function mapSpace(space: SpaceExport): MappedSite {
  const { site, issues } = mapSite(space);
  if (issues.length > 0) throw new ContentValidationError(issues);
  return site;
}
