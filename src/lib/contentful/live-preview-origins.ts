/**
 * Where Contentful's web app runs: its Live Preview shows our draft preview in a frame, so the
 * preview's `frame-ancestors` names these (and nothing else may frame it). The EU data-residency
 * app has its own origin. https://www.contentful.com/developers/docs/tutorials/general/live-preview/
 */
export const contentfulAppOrigins = ['https://app.contentful.com', 'https://app.eu.contentful.com'] as const;
