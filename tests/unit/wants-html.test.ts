import { describe, expect, it } from 'vitest';
import { configuredHandler } from '../../src/lib/env/configured-handler.ts';
import { wantsHtml } from '../../src/lib/http/wants-html.ts';

const request = (headers: Record<string, string>) =>
  new Request('https://site.example/api/leads', { method: 'POST', headers, body: '' });

describe('wantsHtml: a page for a browser, JSON for the page script and machines', () => {
  it.each([
    [{ 'content-type': 'application/x-www-form-urlencoded' }, true],
    [
      { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', accept: 'application/json' },
      true,
    ],
    [{ 'content-type': 'multipart/form-data; boundary=x' }, true],
    [{ 'content-type': 'application/json', accept: 'text/html' }, false],
    [{ 'content-type': 'application/json', accept: 'application/json' }, false],
    [{ accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }, true],
    [{ accept: 'application/json, text/html;q=0.5' }, false],
    [{ accept: 'text/html;q=0.5, application/json;q=0.9' }, false],
    [{ accept: 'text/html, application/json' }, false],
    [{ accept: '*/*' }, false],
    [{ accept: 'text/html;q=0' }, false],
    [{}, false],
  ])('%j → %s', (headers, expected) => {
    expect(wantsHtml(request(headers))).toBe(expected);
  });
});

describe('configuredHandler: the generic answers follow the request', () => {
  const broken = (options: Parameters<typeof configuredHandler<[Request]>>[2] = {}) =>
    configuredHandler<[Request]>(
      'x',
      () => {
        throw new Error('broken');
      },
      { log: () => undefined, ...options },
    );
  const formPost = request({ 'content-type': 'application/x-www-form-urlencoded' });

  it('gives a browser a small page and the page script JSON, both 503', async () => {
    const page = await broken()(formPost);
    expect([page.status, page.headers.get('content-type')]).toEqual([503, 'text/html; charset=utf-8']);
    expect(await page.text()).toContain('<h1>This service is unavailable just now.</h1>');
    const json = await broken()(request({ 'content-type': 'application/json' }));
    expect([json.status, json.headers.get('content-type')]).toEqual([503, 'application/json; charset=utf-8']);
  });

  it('uses the function’s own page for a browser only, and a plain 503 if that page fails', async () => {
    const seen: string[] = [];
    const handler = broken({
      unavailablePage: (req) => {
        seen.push(req.headers.get('content-type') ?? '');
        return Promise.resolve(new Response('<p>own page</p>', { status: 503 }));
      },
    });
    expect(await (await handler(formPost)).text()).toBe('<p>own page</p>');
    expect(
      (await handler(request({ 'content-type': 'application/json' }))).headers.get('content-type'),
    ).toMatch(/json/);
    expect(seen).toEqual(['application/x-www-form-urlencoded']);
    const failing = broken({ unavailablePage: () => Promise.reject(new Error('no template')) });
    const fallback = await failing(request({ 'content-type': 'application/x-www-form-urlencoded' }));
    expect([fallback.status, fallback.headers.get('content-type')]).toEqual([
      503,
      'text/html; charset=utf-8',
    ]);
  });

  it('answers 404 as a page to a browser opening an optional feature that is off', async () => {
    const handler = configuredHandler<[Request]>('x', () => 'off');
    const page = await handler(
      new Request('https://site.example/ops/', { headers: { accept: 'text/html' } }),
    );
    expect([page.status, page.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
  });
});
