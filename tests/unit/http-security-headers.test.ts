import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { onDemandResponse } from '../../src/lib/http/on-demand-headers.ts';
import { secureHandler, sitePageCsp, withSecurityHeaders } from '../../src/lib/http/security-headers.ts';

const html = (status = 200, headers: Record<string, string> = {}) =>
  new Response('<!doctype html><title>x</title>', {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
  });

describe('security headers', () => {
  it('gives a JSON answer a policy that allows nothing, no framing, nosniff, HSTS and no-store', async () => {
    const handler = secureHandler(async () => Response.json({ ok: true }, { status: 202 }));
    const response = await handler();
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ ok: true });
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-security-policy':
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
  });

  it('keeps a header the handler set on purpose and passes the arguments through', async () => {
    const handler = secureHandler(
      async (request: Request, context: { ip: string }) =>
        new Response(`${request.method} ${context.ip}`, {
          status: 503,
          headers: { 'Cache-Control': 'no-store, max-age=0', 'Retry-After': '10' },
        }),
    );
    const response = await handler(new Request('http://site.test/', { method: 'PUT' }), { ip: '10.0.0.1' });
    expect(await response.text()).toBe('PUT 10.0.0.1');
    expect(response.headers.get('cache-control')).toBe('no-store, max-age=0');
    expect(response.headers.get('retry-after')).toBe('10');
  });

  it('lets only the named origins frame a response, and then sends no X-Frame-Options', () => {
    const response = withSecurityHeaders(html(), {
      frameAncestors: ['https://app.contentful.com'],
      loads: 'site-assets',
    });
    expect(response.headers.get('content-security-policy')).toContain(
      'frame-ancestors https://app.contentful.com;',
    );
    expect(response.headers.has('x-frame-options')).toBe(false);
  });

  it('uses exactly the static pages’ policy from netlify.toml for a page of the site', async () => {
    const toml = await readFile('netlify.toml', 'utf8');
    const fromToml = /Content-Security-Policy = "([^"]+)"/.exec(toml)?.[1];
    expect(fromToml).toBe(sitePageCsp("'none'"));
  });

  it('lets Contentful’s app frame the preview page, with the site’s page policy', () => {
    const response = onDemandResponse(html(), '/preview/winter-sale/');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(sitePageCsp('https://app.contentful.com https://app.eu.contentful.com'));
    expect(response.headers.has('x-frame-options')).toBe(false);
  });

  it('lets nobody frame another on-demand path, and gives a text answer the empty policy', () => {
    expect(onDemandResponse(html(), '/previewer/').headers.get('x-frame-options')).toBe('DENY');
    const text = onDemandResponse(
      new Response('Draft preview needs the secret', {
        status: 401,
        headers: { 'content-type': 'text/plain' },
      }),
      '/preview/x/',
    );
    expect(text.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; frame-ancestors https:\/\/app\.contentful\.com/,
    );
  });
});

describe('secureHandler and HTML answers', () => {
  it('gives an HTML answer (the no-JS error page) the site page policy, so its stylesheet and form work', async () => {
    const handler = secureHandler(
      async () =>
        new Response('<!doctype html><title>x</title>', { headers: { 'content-type': 'text/html' } }),
    );
    const response = await handler();
    expect(response.headers.get('content-security-policy')).toBe(sitePageCsp("'none'"));
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});
