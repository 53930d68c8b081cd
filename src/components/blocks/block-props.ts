import type { Block, BlockType } from '../../schemas/block.ts';
import type { BlockSite } from '../../lib/content/block-site.ts';
import type { LocaleCode } from '../../schemas/locales.ts';

/** Props every block component takes: its own block, the page locale, and its position on the page. */
export interface BlockProps<Type extends BlockType> {
  block: Extract<Block, { type: Type }>;
  locale: LocaleCode;
  /** 0 for the first section: above the fold, so its image loads eagerly. */
  position: number;
  /** The landing page's slug, sent with a lead so marketing knows where it came from. */
  pageSlug: string;
  /** The page's Title: the heading of a hero that has none of its own. */
  pageTitle?: string;
  /** Links into the rest of the site; without it, paths are only prefixed with the locale. */
  site?: BlockSite;
}
