import { documentToHtmlString, type Options } from '@contentful/rich-text-html-renderer';
import { BLOCKS, INLINES, type Block, type Inline } from '@contentful/rich-text-types';
import type { RichTextDocument } from '../../schemas/blocks/rich-text-section.ts';
import { SlugSchema } from '../../schemas/fields.ts';
import { responsiveImage } from '../contentful/images.ts';
import type { LocaleCode } from '../../schemas/locales.ts';
import { pagePath } from '../i18n/paths.ts';
import { escapeHtml } from './escape-html.ts';
import { normalizeRichText } from './rich-text-document.ts';

type Node = Block | Inline;

/** Embedded images in prose are at most as wide as the narrow container (46rem). */
const proseImageLayout = { sizes: '(min-width: 50rem) 46rem, 100vw', maxWidth: 736 };

/**
 * Only these URL forms may become an href: no `javascript:`, `data:` or protocol-relative URLs
 * (`//host`, or `/\host`, which browsers read the same way).
 */
const safeHref = (uri: unknown): string | undefined =>
  typeof uri === 'string' && /^(https?:\/\/|mailto:|\/(?![/\\])|#)/i.test(uri.trim())
    ? uri.trim()
    : undefined;

/** The resolved target of an entry/asset node (the resolver replaced the link with the entry). */
const targetOf = (node: Node): Record<string, unknown> | undefined => {
  const target: unknown = node.data?.target;
  return target && typeof target === 'object' && 'type' in target ? target : undefined;
};

/** A field value as text: strings and numbers only (an object would print as `[object Object]`). */
const textOf = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

const attribute = (name: string, value: unknown) =>
  value === undefined ? '' : ` ${name}="${escapeHtml(textOf(value))}"`;

/** A link to another landing page, in the reader's locale; `undefined` if the target is not a page. */
function pageLink(target: Record<string, unknown> | undefined, locale: LocaleCode, label: string) {
  // The resolver has validated the slug already; checked again because it becomes a URL here.
  if (target?.type !== 'pageRef' || !SlugSchema.safeParse(target.slug).success) return undefined;
  const slug = target.slug as string;
  return `<a href="${escapeHtml(pagePath(slug, locale))}">${label}</a>`;
}

/** Image sources: https or a site path, nothing a browser could treat as script or another scheme. */
const isSafeImageUrl = (url: unknown): url is string =>
  typeof url === 'string' && /^(https:\/\/|\/(?![/\\]))/.test(url);

function embeddedImage(asset: Record<string, unknown> | undefined): string {
  if (asset?.type !== 'asset' || !isSafeImageUrl(asset.url)) return '';
  const contentType = typeof asset.contentType === 'string' ? asset.contentType : '';
  const width = Number(asset.width);
  const image = responsiveImage({ url: asset.url, contentType, width }, proseImageLayout);
  const img = `<img${attribute('src', image.src)}${attribute('srcset', image.srcset)}${attribute('sizes', image.sizes)}${attribute('alt', asset.alt)}${attribute('width', asset.width)}${attribute('height', asset.height)} loading="lazy" decoding="async">`;
  if (image.sources.length === 0) return `<figure>${img}</figure>`;
  const sources = image.sources
    .map(
      (source) =>
        `<source${attribute('type', source.type)}${attribute('srcset', source.srcset)}${attribute('sizes', image.sizes)}>`,
    )
    .join('');
  return `<figure><picture>${sources}${img}</picture></figure>`;
}

function renderOptions(locale: LocaleCode): Partial<Options> {
  return {
    renderNode: {
      // The hero owns the page's only <h1>; a heading 1 inside prose becomes a section heading.
      [BLOCKS.HEADING_1]: (node, next) => `<h2>${next(node.content)}</h2>`,
      [INLINES.HYPERLINK]: (node, next) => {
        const href = safeHref(node.data.uri);
        const rel = href && /^https?:/i.test(href) ? ' rel="noopener"' : '';
        return href ? `<a href="${escapeHtml(href)}"${rel}>${next(node.content)}</a>` : next(node.content);
      },
      [INLINES.ENTRY_HYPERLINK]: (node, next) =>
        pageLink(targetOf(node), locale, next(node.content)) ?? next(node.content),
      [INLINES.EMBEDDED_ENTRY]: (node) => {
        const target = targetOf(node);
        return pageLink(target, locale, escapeHtml(textOf(target?.title))) ?? '';
      },
      [INLINES.ASSET_HYPERLINK]: (node, next) => {
        const asset = targetOf(node);
        const href = asset?.type === 'asset' ? safeHref(asset.url) : undefined;
        return href ? `<a href="${escapeHtml(href)}">${next(node.content)}</a>` : next(node.content);
      },
      [INLINES.RESOURCE_HYPERLINK]: (node, next) => next(node.content),
      [INLINES.EMBEDDED_RESOURCE]: () => '',
      [BLOCKS.EMBEDDED_ASSET]: (node) => embeddedImage(targetOf(node)),
      [BLOCKS.EMBEDDED_ENTRY]: (node) => {
        const entry = targetOf(node);
        const page = pageLink(entry, locale, escapeHtml(textOf(entry?.title)));
        if (page) return `<p class="rich-text-link">${page}</p>`;
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
 * Render a Contentful rich text document to HTML with Contentful's own renderer. The document is
 * normalised first (unknown node types and marks dropped), text is escaped by the renderer, every
 * attribute we write is escaped here, and only safe link schemes survive: nothing from the CMS can
 * add a script, an event handler or a `javascript:` URL to the page.
 */
export function renderRichText(document: RichTextDocument, locale: LocaleCode): string {
  return documentToHtmlString(normalizeRichText(document), renderOptions(locale));
}
