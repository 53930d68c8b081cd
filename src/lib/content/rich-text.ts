import { documentToHtmlString, type Options } from '@contentful/rich-text-html-renderer';
import { BLOCKS, INLINES, type Block, type Document, type Inline } from '@contentful/rich-text-types';
import type { RichTextDocument } from '../../schemas/blocks/rich-text-section.ts';
import type { LocaleCode } from '../i18n/locales.ts';
import { pagePath } from '../i18n/paths.ts';
import { escapeHtml } from './escape-html.ts';

type Node = Block | Inline;

/** Only these URL forms may become an href: no `javascript:`, `data:` or protocol-relative URLs. */
const safeHref = (uri: unknown): string | undefined =>
  typeof uri === 'string' && /^(https?:\/\/|mailto:|\/(?!\/)|#)/i.test(uri.trim()) ? uri.trim() : undefined;

/** The resolved target of an entry/asset node (the resolver replaced the link with the entry). */
const targetOf = (node: Node): Record<string, unknown> | undefined => {
  const target: unknown = node.data?.target;
  return target && typeof target === 'object' && 'type' in target
    ? (target as Record<string, unknown>)
    : undefined;
};

function renderOptions(locale: LocaleCode): Partial<Options> {
  return {
    renderNode: {
      // The hero owns the page's only <h1>; a heading 1 inside prose becomes a section heading.
      [BLOCKS.HEADING_1]: (node, next) => `<h2>${next(node.content)}</h2>`,
      [INLINES.HYPERLINK]: (node, next) => {
        const href = safeHref(node.data.uri);
        const rel = href && /^https?:/.test(href) ? ' rel="noopener"' : '';
        return href ? `<a href="${escapeHtml(href)}"${rel}>${next(node.content)}</a>` : next(node.content);
      },
      [INLINES.ENTRY_HYPERLINK]: (node, next) => {
        const target = targetOf(node);
        if (target?.type !== 'pageRef' || typeof target.slug !== 'string') return next(node.content);
        return `<a href="${escapeHtml(pagePath(target.slug, locale))}">${next(node.content)}</a>`;
      },
      [INLINES.EMBEDDED_ENTRY]: () => '',
      [INLINES.ASSET_HYPERLINK]: (node, next) => next(node.content),
      [INLINES.RESOURCE_HYPERLINK]: (node, next) => next(node.content),
      [BLOCKS.EMBEDDED_ASSET]: (node) => {
        const asset = targetOf(node);
        if (asset?.type !== 'asset') return '';
        const [src, alt, width, height] = [asset.url, asset.alt, asset.width, asset.height].map((value) =>
          escapeHtml(String(value)),
        );
        return `<figure><img src="${src}" alt="${alt}" width="${width}" height="${height}" loading="lazy" decoding="async"></figure>`;
      },
      [BLOCKS.EMBEDDED_ENTRY]: (node) => {
        const entry = targetOf(node);
        if (entry?.type !== 'ctaBanner') return '';
        const href = safeHref(entry.ctaHref);
        if (!href) return '';
        return `<p class="rich-text-cta"><a class="button" href="${escapeHtml(href)}">${escapeHtml(String(entry.ctaLabel))}</a></p>`;
      },
      [BLOCKS.EMBEDDED_RESOURCE]: () => '',
    },
  };
}

/**
 * Render a Contentful rich text document to HTML with Contentful's own renderer. Text is escaped
 * by the renderer; every attribute we write is escaped here, and only safe link schemes survive.
 */
export function renderRichText(document: RichTextDocument, locale: LocaleCode): string {
  return documentToHtmlString(document as unknown as Document, renderOptions(locale));
}
