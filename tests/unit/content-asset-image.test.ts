import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import AssetImage from '../../src/components/AssetImage.astro';
import type { Asset } from '../../src/schemas/asset.ts';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});
const render = async (props: Record<string, unknown>) =>
  // ESLint's TypeScript service cannot resolve `.astro` modules (astro check types this call).
  // eslint-disable-next-line @typescript-eslint/no-unsafe-argument
  (await container.renderToString(AssetImage, { props })).replace(/ data-astro-source-[a-z]+="[^"]*"/g, '');

const photo: Asset = {
  type: 'asset',
  id: 'hero-photo',
  title: 'Hero',
  alt: 'A product team at work',
  url: 'https://images.ctfassets.net/space1/asset1/token1/hero.jpg',
  contentType: 'image/jpeg',
  width: 2400,
  height: 1600,
};
const logo: Asset = {
  ...photo,
  url: '/images/logo-harbor.svg',
  contentType: 'image/svg+xml',
  width: 160,
  height: 40,
};

describe('AssetImage', () => {
  it('renders a Contentful photo as a picture with AVIF, WebP and a sized fallback', async () => {
    const html = await render({
      asset: photo,
      eager: true,
      priority: true,
      layout: { sizes: '50vw', maxWidth: 600 },
    });
    expect(html).toMatch(/^<picture><source type="image\/avif" srcset="[^"]+fm=avif[^"]+" sizes="50vw">/);
    expect(html).toContain('<source type="image/webp"');
    expect(html).toMatch(
      /<img [^>]*src="https:\/\/images\.ctfassets\.net\/space1\/asset1\/token1\/hero\.jpg\?w=600"/,
    );
    expect(html).toMatch(/<img [^>]*width="2400" height="1600"/);
    expect(html).toMatch(/<img [^>]*loading="eager" fetchpriority="high"/);
  });

  it('loads images below the fold lazily and without priority', async () => {
    const html = await render({ asset: photo, eager: false });
    expect(html).toContain('loading="lazy"');
    expect(html).not.toContain('fetchpriority');
  });

  it('keeps the embedded SVGs a plain img', async () => {
    expect(await render({ asset: logo, eager: false })).toBe(
      '<img src="/images/logo-harbor.svg" alt="A product team at work" width="160" height="40" decoding="async" loading="lazy">',
    );
  });
});
