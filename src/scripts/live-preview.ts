/**
 * Contentful Live Preview on the draft preview page only (never on the static pages): inspector
 * mode (each tagged element opens its field in Contentful) and live updates (text fields follow
 * the editor as the marketer types; a saved change of anything else reloads the draft).
 */
import { ContentfulLivePreview } from '@contentful/live-preview';
import { liveFieldText } from '../lib/contentful/live-text.ts';

interface LivePreviewConfig {
  locale: string;
  space: string;
  environment: string;
  targetOrigin: string[];
}

const element = document.querySelector<HTMLElement>('[data-live-preview]');
if (element?.dataset.livePreview) void start(JSON.parse(element.dataset.livePreview) as LivePreviewConfig);

async function start(config: LivePreviewConfig): Promise<void> {
  await ContentfulLivePreview.init({ ...config, enableInspectorMode: true, enableLiveUpdates: true });
  const liveTexts = [...document.querySelectorAll<HTMLElement>('[data-live-text][data-contentful-entry-id]')];
  const entryIds = new Set(liveTexts.map((text) => text.dataset.contentfulEntryId!));
  for (const entryId of entryIds) {
    ContentfulLivePreview.subscribe({
      data: { sys: { id: entryId, type: 'Entry' }, fields: {} },
      locale: config.locale,
      callback: (entry) => {
        for (const text of liveTexts) {
          if (text.dataset.contentfulEntryId !== entryId) continue;
          const value = liveFieldText(entry, text.dataset.contentfulFieldId!, config.locale);
          if (value !== undefined) text.textContent = value;
        }
      },
    });
  }
  // Links, images and new sections cannot be patched in place: show the saved draft instead.
  ContentfulLivePreview.subscribe('save', { callback: () => location.reload() });
}
