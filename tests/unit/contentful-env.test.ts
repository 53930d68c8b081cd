import { describe, expect, it } from 'vitest';
import { parseEndpoint } from '../../src/schemas/contentful-endpoint.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { ContentfulEnvSchema } from '../../src/schemas/contentful-env.ts';

const complete = {
  CONTENTFUL_SPACE_ID: 'abc123space',
  CONTENTFUL_DELIVERY_TOKEN: 'delivery-token-0123456789',
  CONTENTFUL_PREVIEW_TOKEN: 'preview-token-0123456789',
  CONTENTFUL_PREVIEW_SECRET: '0123456789abcdef0123456789abcdef',
};
const parse = (env: Record<string, string | undefined>) =>
  parseEnv(ContentfulEnvSchema, env, 'the content source');

describe('the Contentful configuration', () => {
  it('uses the embedded content/ when no CONTENTFUL_* variable is set', () => {
    expect(parse({ PATH: '/usr/bin', CONTENT_FILE: 'content/space.json' })).toEqual({ kind: 'embedded' });
    expect(parse({ CONTENTFUL_SPACE_ID: '' })).toEqual({ kind: 'embedded' });
  });

  it('reads a complete configuration, with master and the public hosts as defaults', () => {
    expect(parse(complete)).toEqual({
      kind: 'contentful',
      spaceId: 'abc123space',
      environment: 'master',
      deliveryToken: complete.CONTENTFUL_DELIVERY_TOKEN,
      previewToken: complete.CONTENTFUL_PREVIEW_TOKEN,
      previewSecret: complete.CONTENTFUL_PREVIEW_SECRET,
      delivery: { host: 'cdn.contentful.com', insecure: false, basePath: '' },
      preview: { host: 'preview.contentful.com', insecure: false, basePath: '' },
      previewFrameOrigins: [],
    });
  });

  it('accepts extra loopback origins that may frame the draft preview, and nothing else', () => {
    const origins = 'http://127.0.0.1:8822, http://localhost:8822';
    expect(parse({ ...complete, CONTENTFUL_PREVIEW_FRAME_ORIGINS: origins })).toMatchObject({
      previewFrameOrigins: ['http://127.0.0.1:8822', 'http://localhost:8822'],
    });
    expect(() => parse({ ...complete, CONTENTFUL_PREVIEW_FRAME_ORIGINS: 'https://evil.example' })).toThrow(
      /CONTENTFUL_PREVIEW_FRAME_ORIGINS.0: only loopback origins/,
    );
  });

  it('fails, naming every missing variable, when only some are set (never falls back silently)', () => {
    expect(() => parse({ CONTENTFUL_SPACE_ID: 'abc123space', CONTENTFUL_ENVIRONMENT: 'staging' }))
      .toThrowErrorMatchingInlineSnapshot(`
      [Error: Invalid environment for the content source:
        - CONTENTFUL_DELIVERY_TOKEN: is not set, but Contentful is partly configured (CONTENTFUL_SPACE_ID, CONTENTFUL_ENVIRONMENT set). Set it too, or unset every CONTENTFUL_* variable to build from content/
        - CONTENTFUL_PREVIEW_TOKEN: is not set, but Contentful is partly configured (CONTENTFUL_SPACE_ID, CONTENTFUL_ENVIRONMENT set). Set it too, or unset every CONTENTFUL_* variable to build from content/
        - CONTENTFUL_PREVIEW_SECRET: is not set, but Contentful is partly configured (CONTENTFUL_SPACE_ID, CONTENTFUL_ENVIRONMENT set). Set it too, or unset every CONTENTFUL_* variable to build from content/
      See .env.example for what each variable means.]
    `);
  });

  it('names malformed values without echoing secrets', () => {
    const env = {
      ...complete,
      CONTENTFUL_DELIVERY_TOKEN: 'has spaces in it',
      CONTENTFUL_PREVIEW_SECRET: 'short',
    };
    expect(() => parse(env)).toThrow(/CONTENTFUL_DELIVERY_TOKEN: .*letters, digits/);
    expect(() => parse(env)).toThrow(/CONTENTFUL_PREVIEW_SECRET: use at least 24 random characters/);
    expect(() => parse(env)).not.toThrow(/has spaces in it/);
  });

  it('accepts a host override, and plain http only for a fake API on loopback', () => {
    const local = parse({ ...complete, CONTENTFUL_HOST: 'http://127.0.0.1:4010/cda/' });
    expect(local.kind === 'contentful' && local.delivery).toEqual({
      host: '127.0.0.1:4010',
      insecure: true,
      basePath: '/cda',
    });
    const eu = parse({ ...complete, CONTENTFUL_HOST: 'cdn.eu.contentful.com' });
    expect(eu.kind === 'contentful' && eu.delivery.host).toBe('cdn.eu.contentful.com');
    expect(() => parse({ ...complete, CONTENTFUL_PREVIEW_HOST: 'http://preview.example.com' })).toThrow(
      /CONTENTFUL_PREVIEW_HOST: plain http is only allowed for a local fake API/,
    );
  });
});

describe('parseEndpoint', () => {
  it('reads hosts, ports and paths, and refuses what the SDK cannot use', () => {
    expect(parseEndpoint('localhost:8080')).toEqual({
      host: 'localhost:8080',
      insecure: false,
      basePath: '',
    });
    expect(parseEndpoint('ftp://x.example')).toEqual({ error: 'use https:// (got ftp://)' });
    expect(parseEndpoint('https://x.example/?token=1')).toEqual({
      error: 'give only a host and an optional path',
    });
    expect(parseEndpoint('http://[::1]:80')).toHaveProperty('error');
  });
});
