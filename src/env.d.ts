declare namespace App {
  interface Locals {
    /** Set by the draft preview only: components then tag fields for Contentful Live Preview. */
    livePreview?: import('./lib/contentful/inspector-tags.ts').LivePreviewContext;
    /** Set by the draft preview: the origins allowed to frame it (Contentful's app, test loopbacks). */
    previewFramers?: string[];
  }
}
