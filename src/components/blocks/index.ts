import type { BlockType } from '../../schemas/block.ts';
import CtaBanner from './CtaBanner.astro';
import EventDetails from './EventDetails.astro';
import Faq from './Faq.astro';
import FeatureGrid from './FeatureGrid.astro';
import Hero from './Hero.astro';
import LeadForm from './LeadForm.astro';
import LogoCloud from './LogoCloud.astro';
import RichTextSection from './RichTextSection.astro';
import Testimonials from './Testimonials.astro';

// The components import their props from block-props.ts, not from this registry, so no circle.
export type { BlockProps } from './block-props.ts';

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
