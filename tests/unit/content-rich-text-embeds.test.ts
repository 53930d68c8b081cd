import { describe, expect, it } from 'vitest';
import { renderRichText } from '../../src/lib/content/rich-text.ts';
import type { RichTextDocument } from '../../src/schemas/blocks/rich-text-section.ts';

const text = (value: string) => ({ nodeType: 'text', value, marks: [], data: {} });
const paragraph = (...content: object[]) => ({ nodeType: 'paragraph', data: {}, content });
const documentOf = (...content: object[]) =>
  ({ nodeType: 'document', data: {}, content }) as RichTextDocument;
const page = { type: 'pageRef', id: 'page-sale', slug: 'winter-sale', title: 'Winter sale' };
const photo = {
  type: 'asset',
  url: 'https://images.ctfassets.net/space1/asset1/token1/team.jpg',
  contentType: 'image/jpeg',
  alt: 'The team',
  width: 2400,
  height: 1600,
};

describe('rich text embeds', () => {
  it('renders an embedded landing page as a link in the reader’s locale', () => {
    const html = renderRichText(
      documentOf({ nodeType: 'embedded-entry-block', data: { target: page }, content: [] }),
      'de-DE',
    );
    expect(html).toBe('<p class="rich-text-link"><a href="/de/winter-sale/">Winter sale</a></p>');
  });

  it('renders an inline embedded landing page as a link inside the sentence', () => {
    const inline = { nodeType: 'embedded-entry-inline', data: { target: page }, content: [] };
    expect(renderRichText(documentOf(paragraph(text('See '), inline)), 'en-US')).toBe(
      '<p>See <a href="/winter-sale/">Winter sale</a></p>',
    );
  });

  it('renders an embedded CTA banner as a button', () => {
    const cta = { type: 'ctaBanner', ctaHref: '/winter-sale/', ctaLabel: 'Get 40% off' };
    expect(
      renderRichText(
        documentOf({ nodeType: 'embedded-entry-block', data: { target: cta }, content: [] }),
        'en-US',
      ),
    ).toBe('<p class="rich-text-cta"><a class="button" href="/winter-sale/">Get 40% off</a></p>');
  });

  it('links to an asset file', () => {
    const link = { nodeType: 'asset-hyperlink', data: { target: photo }, content: [text('the photo')] };
    expect(renderRichText(documentOf(paragraph(link)), 'en-US')).toBe(
      `<p><a href="${photo.url}">the photo</a></p>`,
    );
  });

  it('serves an embedded Contentful image through the Images API, in AVIF and WebP, lazily', () => {
    const html = renderRichText(
      documentOf({ nodeType: 'embedded-asset-block', data: { target: photo }, content: [] }),
      'en-US',
    );
    expect(html).toMatch(/^<figure><picture><source type="image\/avif" srcset="[^"]*fm=avif[^"]*"/);
    expect(html).toContain('<source type="image/webp"');
    expect(html).toContain(`src="${photo.url}?w=736"`);
    expect(html).toContain(`${photo.url}?w=1472 1472w`);
    expect(html).toMatch(
      /<img [^>]*alt="The team" width="2400" height="1600" loading="lazy" decoding="async">/,
    );
  });
});
