import { describe, expect, it } from 'vitest';
import { candidateWidths, isTransformable, responsiveImage } from '../../src/lib/contentful/images.ts';

const jpeg = {
  url: 'https://images.ctfassets.net/space1/asset1/token1/hero.jpg',
  contentType: 'image/jpeg',
  width: 3000,
};

describe('responsive images from the Contentful Images API', () => {
  it('transforms raster images on images.ctfassets.net only', () => {
    expect(isTransformable(jpeg)).toBe(true);
    expect(isTransformable({ ...jpeg, contentType: 'image/svg+xml' })).toBe(false);
    expect(isTransformable({ ...jpeg, contentType: 'image/gif' })).toBe(false);
    expect(isTransformable({ url: '/images/hero.png', contentType: 'image/png' })).toBe(false);
    expect(isTransformable({ ...jpeg, url: 'https://downloads.ctfassets.net/s/a/t/x.jpg' })).toBe(false);
  });

  it('offers widths up to twice the drawn width, never wider than the file', () => {
    expect(candidateWidths(3000, 1024)).toEqual([320, 640, 960, 1024, 1280, 1600, 1920, 2048]);
    expect(candidateWidths(3000, 44)).toEqual([44, 88]);
    expect(candidateWidths(800, 1024)).toEqual([320, 640, 800]);
  });

  it('gives a srcset in the original format and AVIF and WebP sources via fm', () => {
    const image = responsiveImage(jpeg, { sizes: '100vw', maxWidth: 640 });
    expect(image.src).toBe(`${jpeg.url}?w=640`);
    expect(image.srcset).toBe(
      `${jpeg.url}?w=320 320w, ${jpeg.url}?w=640 640w, ${jpeg.url}?w=960 960w, ${jpeg.url}?w=1280 1280w`,
    );
    expect(image.sizes).toBe('100vw');
    expect(image.sources.map((source) => source.type)).toEqual(['image/avif', 'image/webp']);
    expect(image.sources[0].srcset).toContain(`${jpeg.url}?w=320&fm=avif&q=70 320w`);
    expect(image.sources[1].srcset).toContain(`${jpeg.url}?w=1280&fm=webp&q=70 1280w`);
  });

  it('leaves an embedded SVG exactly as it is', () => {
    expect(
      responsiveImage(
        { url: '/images/logo.svg', contentType: 'image/svg+xml', width: 160 },
        { sizes: '9rem', maxWidth: 144 },
      ),
    ).toEqual({
      src: '/images/logo.svg',
      srcset: undefined,
      sizes: undefined,
      sources: [],
    });
  });
});
