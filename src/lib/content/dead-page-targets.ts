import { siteLocales } from '../../schemas/locales.ts';
import { homeSlug } from '../i18n/paths.ts';

/** One part of an entry left out because the page it points to is not published. */
export interface DroppedTarget {
  field: string;
  message: string;
}

/** What remains of an entry once its links to unpublished or deleted pages are taken out. */
export interface PrunedEntry {
  data: Record<string, unknown>;
  dropped: DroppedTarget[];
  /** The entry has no purpose without its target (a navigation link, a CTA banner): leave it out. */
  dropEntry: boolean;
}

export interface PageTargets {
  /** Link fields whose target entry is missing or unpublished (the raw link was set). */
  missingLinks: ReadonlySet<string>;
  /** Slugs of every published landing page; without it, site paths are not judged (draft preview). */
  pageSlugs: ReadonlySet<string> | undefined;
}

const heroButtons = [
  ['primaryCtaLabel', 'primaryCtaHref'],
  ['secondaryCtaLabel', 'secondaryCtaHref'],
] as const;

/**
 * Take out links, buttons and navigation items whose page was unpublished or deleted, so retiring a
 * page never blocks publishing: a marketer is warned, the rest of the site still builds.
 */
export function pruneDeadPageTargets(
  contentType: string,
  data: Record<string, unknown>,
  targets: PageTargets,
): PrunedEntry {
  const isDead = (href: unknown) => isUnpublishedPagePath(href, targets.pageSlugs);
  if (contentType === 'link' && targets.missingLinks.has('page') && data.url === undefined)
    return drop(data, 'page', 'left out: the page it links to is unpublished or deleted');
  if (contentType === 'ctaBanner' && isDead(data.ctaHref))
    return drop(
      data,
      'ctaHref',
      `left out: its button links to ${String(data.ctaHref)}, which is ${notAPage}`,
    );
  if (contentType !== 'hero') return { data, dropped: [], dropEntry: false };
  const kept = { ...data };
  const dropped: DroppedTarget[] = [];
  for (const [label, href] of heroButtons) {
    if (!isDead(kept[href])) continue;
    dropped.push({ field: href, message: `button left out: ${String(kept[href])} is ${notAPage}` });
    delete kept[label];
    delete kept[href];
  }
  return { data: kept, dropped, dropEntry: false };
}

const notAPage = 'no published page (unpublished, deleted or never created)';

function drop(data: Record<string, unknown>, field: string, message: string): PrunedEntry {
  return { data, dropped: [{ field, message }], dropEntry: true };
}

/**
 * A site path of the form `/`, `/slug/` (with an optional `#anchor` or `?query`) naming no published
 * page. Other paths (files, functions, deeper paths) are not pages and are left alone.
 */
export function isUnpublishedPagePath(href: unknown, pageSlugs: ReadonlySet<string> | undefined): boolean {
  if (pageSlugs === undefined || typeof href !== 'string') return false;
  const match = /^\/(?:([a-z0-9]+(?:-[a-z0-9]+)*)\/?)?(?:[?#].*)?$/.exec(href.trim());
  if (!match) return false;
  const slug = match[1] ?? homeSlug;
  // `/de/` is the German home page, not a page with the slug "de".
  if (siteLocales.some((locale) => locale.prefix === slug)) return !pageSlugs.has(homeSlug);
  return !pageSlugs.has(slug);
}
