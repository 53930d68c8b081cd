import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { BuildEnvSchema, siteUrl } from '../../src/schemas/build-env.ts';

describe('parseEnv', () => {
  it('names each malformed variable and says what it expects', () => {
    expect(() => parseEnv(BuildEnvSchema, { SITE_URL: 'harbor.example' }, 'the build'))
      .toThrowErrorMatchingInlineSnapshot(`
      [Error: Invalid environment for the build:
        - SITE_URL: SITE_URL must be an absolute URL such as https://www.example.com
      See .env.example for what each variable means.]
    `);
  });

  it('treats an empty variable as unset', () => {
    expect(parseEnv(BuildEnvSchema, { SITE_URL: '' }, 'the build').SITE_URL).toBeUndefined();
  });

  it("prefers SITE_URL, then Netlify's URL, then localhost", () => {
    expect(
      siteUrl(parseEnv(BuildEnvSchema, { SITE_URL: 'https://a.example', URL: 'https://b.example' }, 'x')),
    ).toBe('https://a.example');
    expect(siteUrl(parseEnv(BuildEnvSchema, { URL: 'https://b.example' }, 'x'))).toBe('https://b.example');
    expect(siteUrl(parseEnv(BuildEnvSchema, {}, 'x'))).toBe('http://localhost:8888');
  });
});
