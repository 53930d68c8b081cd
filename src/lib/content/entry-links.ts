import { LinkRefSchema } from '../../schemas/space-export.ts';
import type { SpaceIndex } from './space-index.ts';

/** Ids of the entries and assets an entry links to directly, in any field, locale or rich text. */
export function directLinks(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) directLinks(item, found);
  else if (value && typeof value === 'object') {
    const link = LinkRefSchema.safeParse(value);
    if (link.success) found.add(link.data.sys.id);
    else for (const child of Object.values(value)) directLinks(child, found);
  }
  return found;
}

/**
 * Every entry and asset reachable from a root (a page, the site settings), the root included. Other
 * pages are not followed: a link to a page is a link, not part of the page that holds it.
 */
export function reachableFrom(index: SpaceIndex, rootId: string): Set<string> {
  const seen = new Set<string>([rootId]);
  const queue = [rootId];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    const entry = index.entries.get(id);
    if (!entry) continue;
    for (const next of directLinks(entry.fields)) {
      if (seen.has(next) || index.entries.get(next)?.sys.contentType.sys.id === 'landingPage') continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}
