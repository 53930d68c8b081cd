import { describe, expect, it } from 'vitest';
import { fieldTags } from '../../src/lib/contentful/inspector-tags.ts';
import { liveFieldText } from '../../src/lib/contentful/live-text.ts';
import {
  previewFrameAncestors,
  previewFramerOrigins,
} from '../../src/lib/contentful/live-preview-origins.ts';
import { previewFramers } from '../../src/lib/contentful/preview-page.ts';

describe('Live Preview field tags', () => {
  it('name entry, field and locale on the draft preview', () => {
    expect(fieldTags({ locale: 'de-DE' }, 'hero-home', 'heading', { liveText: true })).toEqual({
      'data-contentful-entry-id': 'hero-home',
      'data-contentful-field-id': 'heading',
      'data-contentful-locale': 'de-DE',
      'data-live-text': '',
    });
  });

  it('are absent on static pages, where there is no Live Preview context', () => {
    expect(fieldTags(undefined, 'hero-home', 'heading')).toEqual({});
    expect(fieldTags({ locale: 'en-US' }, undefined, 'heading')).toEqual({});
  });
});

describe('liveFieldText', () => {
  it('reads a field of an edited entry, single-locale or locale-keyed', () => {
    expect(liveFieldText({ fields: { heading: 'New' } }, 'heading', 'en-US')).toBe('New');
    expect(liveFieldText({ fields: { heading: { 'de-DE': 'Neu' } } }, 'heading', 'de-DE')).toBe('Neu');
  });

  it('ignores what is not text, so a link or an image never replaces an element’s text', () => {
    expect(liveFieldText({ fields: { image: { sys: { id: 'a' } } } }, 'image', 'en-US')).toBeUndefined();
    expect(liveFieldText(null, 'heading', 'en-US')).toBeUndefined();
  });
});

describe('who may frame the draft preview', () => {
  it('is Contentful’s app, plus configured loopback origins', () => {
    expect(previewFrameAncestors(previewFramerOrigins(['http://localhost:8822']))).toBe(
      'frame-ancestors https://app.contentful.com https://app.eu.contentful.com http://localhost:8822',
    );
  });

  it('is Contentful’s app even when the preview is not configured, so its message shows in the app', () => {
    expect(previewFramers({ kind: 'embedded' })).toEqual([
      'https://app.contentful.com',
      'https://app.eu.contentful.com',
    ]);
    expect(previewFramers(new Error('bad env'))).not.toContain('http://localhost:8822');
  });
});
