import type { Block, BlockType } from '../../schemas/block.ts';
import type { BlockSite } from '../../lib/content/block-site.ts';
import type { LocaleCode } from '../../lib/i18n/locales.ts';
import CtaBanner from './CtaBanner.astro';
import EventDetails from './EventDetails.astro';
import Faq from './Faq.astro';
import FeatureGrid from './FeatureGrid.astro';
import Hero from './Hero.astro';
import LeadForm from './LeadForm.astro';
import LogoCloud from './LogoCloud.astro';
import RichTextSection from './RichTextSection.astro';
import Testimonials from './Testimonials.astro';

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

/** Content type id → the component that renders it. Adding a block type means adding a line here. */
export const blockComponents = {
  hero: Hero,
  featureGrid: FeatureGrid,
  testimonials: Testimonials,
  faq: Faq,
  logoCloud: LogoCloud,
  ctaBanner: CtaBanner,
  richTextSection: RichTextSection,
  leadForm: LeadForm,
  eventDetails: EventDetails,
} satisfies Record<BlockType, unknown>;
