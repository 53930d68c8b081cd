import type { SyncPage } from '../../schemas/contentful-sync.ts';
import type { ContentType, SpaceLocale } from '../../schemas/space-export.ts';

/** Where a sync starts: from scratch, or from a page or sync token Contentful handed out. */
export type SyncCursor = { initial: true } | { token: string };

/**
 * The calls a Contentful sync needs. The real adapter (`sdk-sync-source.ts`) uses the `contentful`
 * SDK; tests and the benchmark point it at a fake API on loopback.
 */
export interface SyncSource {
  /** The environment's locales, with their fallback chain. */
  locales(): Promise<SpaceLocale[]>;
  /** The environment's content types (field types, localisation, display fields). */
  contentTypes(): Promise<ContentType[]>;
  /** Published entries plus assets, to show progress during a full sync. */
  publishedTotal(): Promise<number>;
  /** One page of the Sync API. Throws `SyncTokenRejectedError` when a token is no longer accepted. */
  page(cursor: SyncCursor): Promise<SyncPage>;
}

/**
 * Contentful no longer accepts a saved sync token (it expired, or the environment was reset).
 *
 * @example
 * throw new SyncTokenRejectedError('400 BadRequest: the sync token is invalid');
 */
export class SyncTokenRejectedError extends Error {
  constructor(detail: string) {
    super(`Contentful rejected the saved sync token (${detail})`);
    this.name = 'SyncTokenRejectedError';
  }
}
