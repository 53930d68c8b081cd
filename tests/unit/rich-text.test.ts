import { describe, expect, it } from 'vitest';
import { renderRichText } from '../../src/lib/content/rich-text.ts';
import type { RichTextDocument } from '../../src/schemas/blocks/rich-text-section.ts';

const text = (value: string, marks: string[] = []) => ({
  nodeType: 'text',
  value,
  marks: marks.map((type) => ({ type })),
  data: {},
});
const paragraph = (...content: object[]) => ({ nodeType: 'paragraph', data: {}, content });
const documentOf = (...content: object[]) =>
  ({ nodeType: 'document', data: {}, content }) as RichTextDocument;

describe('renderRichText', () => {
  it('renders headings, paragraphs, marks and lists', () => {
    const html = renderRichText(
      documentOf(
        { nodeType: 'heading-2', data: {}, content: [text('What is new')] },
        paragraph(text('Clusters are '), text('faster', ['bold'])),
        {
          nodeType: 'unordered-list',
          data: {},
          content: [{ nodeType: 'list-item', data: {}, content: [paragraph(text('Slack import'))] }],
        },
      ),
      'en-US',
    );
    expect(html).toBe(
      '<h2>What is new</h2><p>Clusters are <b>faster</b></p><ul><li><p>Slack import</p></li></ul>',
    );
  });

  it('escapes text so CMS content cannot inject markup', () => {
    expect(renderRichText(documentOf(paragraph(text('<script>alert(1)</script>'))), 'en-US')).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
  });

  it('drops javascript: links but keeps their text', () => {
    const link = { nodeType: 'hyperlink', data: { uri: 'javascript:alert(1)' }, content: [text('click')] };
    expect(renderRichText(documentOf(paragraph(link)), 'en-US')).toBe('<p>click</p>');
  });

  it('keeps https links and escapes their URL', () => {
    const link = {
      nodeType: 'hyperlink',
      data: { uri: 'https://example.com/?a=1&b="2"' },
      content: [text('docs')],
    };
    expect(renderRichText(documentOf(paragraph(link)), 'en-US')).toBe(
      '<p><a href="https://example.com/?a=1&amp;b=&quot;2&quot;" rel="noopener">docs</a></p>',
    );
  });

  it("links to another landing page in the reader's locale", () => {
    const link = {
      nodeType: 'entry-hyperlink',
      data: { target: { type: 'pageRef', id: 'p', slug: 'winter-sale', title: 'Sale' } },
      content: [text('the sale')],
    };
    expect(renderRichText(documentOf(paragraph(link)), 'de-DE')).toBe(
      '<p><a href="/de/winter-sale/">the sale</a></p>',
    );
  });

  it('renders an embedded image with its alt text and size, lazily', () => {
    const image = {
      nodeType: 'embedded-asset-block',
      data: { target: { type: 'asset', url: '/images/a.svg', alt: 'A "chart"', width: 800, height: 600 } },
      content: [],
    };
    expect(renderRichText(documentOf(image), 'en-US')).toBe(
      '<figure><img src="/images/a.svg" alt="A &quot;chart&quot;" width="800" height="600" loading="lazy" decoding="async"></figure>',
    );
  });
});

describe('renderRichText headings', () => {
  it('demotes a heading 1 so the page keeps a single <h1>', () => {
    const heading = { nodeType: 'heading-1', data: {}, content: [text('Terms')] };
    expect(renderRichText(documentOf(heading), 'en-US')).toBe('<h2>Terms</h2>');
  });
});
