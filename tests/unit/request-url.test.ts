import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestUrl } from '../../scripts/lib/request-url.ts';

/** The URL a request names, resolved the long way: what `requestUrl`'s one-parse path must equal. */
function resolvedTheLongWay(host: string, target: string): string | undefined {
  try {
    const base = new URL(`http://${host}`);
    const resolved = new URL(target, base);
    return new URL(`${resolved.pathname}${resolved.search}`, base).href;
  } catch {
    return undefined;
  }
}

// A request with a Host header never reads the socket's address.
const request = (host: string, url: string) =>
  ({ headers: { host }, url, socket: {} }) as unknown as Pick<IncomingMessage, 'headers' | 'url' | 'socket'>;

describe('requestUrl', () => {
  const hosts = ['localhost:4520', 'example.com', 'example.com.', 'Ex.COM:443', '127.0.0.1:80', '[::1]:8888'];
  const targets = [
    ...['/', '/api/leads', '/API/Leads/', '/a?b=1&c=%20', '/?', '/a?b?c', '/a/../b', '/%2e%2e/x', '/..'],
    ...['/é', '/a?é=1', '/a;b', '/a b', '/a/./b?c=%zz'],
    // Not plain: resolved the long way (another authority, a fragment).
    ...['//evil.example/x', '/\\evil.example/x', '/a#f', '/a?x#y', 'http://evil.example/y?z', '*'],
  ];

  it('is the path and query of the target on the Host, however the target is written', () => {
    for (const host of hosts)
      for (const target of targets)
        expect(requestUrl(request(host, target))?.href, `${host} ${target}`).toBe(
          resolvedTheLongWay(host, target),
        );
  });

  it('never takes the authority from the target', () => {
    expect(requestUrl(request('site.example', '//evil.example/x'))?.host).toBe('site.example');
    expect(requestUrl(request('site.example', '/\\evil.example/x'))?.host).toBe('site.example');
    expect(requestUrl(request('site.example', 'http://evil.example/y'))?.href).toBe('http://site.example/y');
  });

  it('refuses a malformed Host', () => {
    expect(requestUrl(request('evil.example/path', '/'))).toBeUndefined();
    expect(requestUrl(request('a b', '/'))).toBeUndefined();
  });
});
