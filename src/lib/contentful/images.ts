import type { Asset } from '../../schemas/asset.ts';

/** Contentful's Images API: resizes and converts on the fly from query parameters. */
const imagesApiHost = 'images.ctfassets.net';
/** Formats the Images API can resize and convert (GIFs are left alone: conversion drops animation). */
const convertible = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif']);
/** Widths to offer between the smallest phones and 2× displays. */
const steps = [320, 640, 960, 1280, 1600, 1920, 2560];
const lossyQuality = 70;

/** What to render for an image: `<img src srcset sizes>`, plus modern-format `<source>`s when possible. */
export interface ResponsiveImage {
  src: string;
  srcset: string | undefined;
  sizes: string | undefined;
  sources: { type: string; srcset: string }[];
}

export interface ImageLayout {
  /** The `sizes` attribute: how wide the image is drawn at each viewport width. */
  sizes: string;
  /** The widest the image is ever drawn, in CSS pixels; widths up to twice this are offered. */
  maxWidth: number;
}

/** True for assets the Images API can transform: raster images on images.ctfassets.net. */
export function isTransformable(asset: Pick<Asset, 'url' | 'contentType'>): boolean {
  try {
    return new URL(asset.url).hostname === imagesApiHost && convertible.has(asset.contentType);
  } catch {
    return false; // A site-relative URL such as /images/logo.svg: served as it is.
  }
}

/** The widths to offer for an image of `intrinsic` pixels drawn at most `maxWidth` CSS pixels wide. */
export function candidateWidths(intrinsic: number, maxWidth: number): number[] {
  const wanted = [...steps.filter((width) => width < maxWidth * 2), maxWidth, maxWidth * 2];
  return [...new Set(wanted.map((width) => Math.min(Math.round(width), intrinsic)))].sort((a, b) => a - b);
}

/**
 * Responsive sources for an asset: for Contentful-hosted raster images, a `srcset` in the original
 * format and AVIF and WebP variants via `fm`; anything else (the embedded SVGs) stays a plain `src`.
 * https://www.contentful.com/developers/docs/references/images-api/
 */
export function responsiveImage(
  asset: Pick<Asset, 'url' | 'contentType' | 'width'>,
  layout: ImageLayout,
): ResponsiveImage {
  if (!isTransformable(asset)) return { src: asset.url, srcset: undefined, sizes: undefined, sources: [] };
  const widths = candidateWidths(asset.width, layout.maxWidth);
  const url = (width: number, format?: 'avif' | 'webp') => {
    const target = new URL(asset.url);
    target.search = '';
    target.searchParams.set('w', String(width));
    if (format) {
      target.searchParams.set('fm', format);
      target.searchParams.set('q', String(lossyQuality));
    }
    return target.href;
  };
  const srcset = (format?: 'avif' | 'webp') =>
    widths.map((width) => `${url(width, format)} ${width}w`).join(', ');
  return {
    src: url(Math.min(asset.width, layout.maxWidth)),
    srcset: srcset(),
    sizes: layout.sizes,
    sources: [
      { type: 'image/avif', srcset: srcset('avif') },
      { type: 'image/webp', srcset: srcset('webp') },
    ],
  };
}
