import type { MappedSite } from '../../lib/content/map-space.ts';

/**
 * Both collections come from one sync. The `pages` loader syncs and maps the space (it owns the
 * sync state in its meta store); the `settings` loader of the same content-layer run waits here
 * for that result instead of syncing a second time. Astro starts every collection's loader in the
 * same run, in either order, so each run's result is handed to exactly one waiting settings loader.
 */
export interface SiteHandOff {
  /** Called by the pages loader with the run's mapped site (or its failure). */
  publish(site: Promise<MappedSite>): void;
  /** Called by the settings loader: this run's site, published before or after the call. */
  take(): Promise<MappedSite>;
}

export function createSiteHandOff(): SiteHandOff {
  let unclaimed: Promise<MappedSite> | undefined;
  const waiting: Array<(site: Promise<MappedSite>) => void> = [];
  return {
    publish(site) {
      // Mark a failure as handled here; whoever takes the promise still sees it reject.
      site.catch(() => undefined);
      const waiter = waiting.shift();
      if (waiter) waiter(site);
      else unclaimed = site;
    },
    take() {
      const site = unclaimed;
      unclaimed = undefined;
      return (
        site ?? new Promise<Promise<MappedSite>>((resolve) => waiting.push(resolve)).then((next) => next)
      );
    },
  };
}
