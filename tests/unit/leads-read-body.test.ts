import { describe, expect, it } from 'vitest';
import { bodyKind, readBody } from '../../src/lib/leads/read-body.ts';

const request = (body: BodyInit | null, contentType?: string) =>
  new Request('https://www.example.com/api/leads', {
    method: 'POST',
    body,
    headers: contentType ? { 'Content-Type': contentType } : {},
  });

describe('bodyKind', () => {
  it('accepts JSON and form posts, with a UTF-8 charset or none', () => {
    expect(bodyKind('application/json')).toBe('json');
    expect(bodyKind('Application/JSON; charset=UTF-8')).toBe('json');
    expect(bodyKind('application/x-www-form-urlencoded;charset="utf-8"')).toBe('form');
    expect(bodyKind('application/json; charset=latin1')).toBeUndefined();
    expect(bodyKind('multipart/form-data; boundary=x')).toBeUndefined();
    expect(bodyKind(null)).toBeUndefined();
  });
});

describe('readBody', () => {
  it('parses a JSON object', async () => {
    expect(await readBody(request('{"email":"a@b.co"}', 'application/json'))).toEqual({
      ok: true,
      kind: 'json',
      data: { email: 'a@b.co' },
    });
  });

  it('parses a form post: a repeated name becomes a list (a multi-select), utm_* nests under utm', async () => {
    const result = await readBody(
      request('email=a%40b.co&email=x&utm_source=news&__proto__=p', 'application/x-www-form-urlencoded'),
    );
    expect(result).toEqual({
      ok: true,
      kind: 'form',
      data: { email: ['a@b.co', 'x'], utm_source: 'news', ['__proto__']: 'p', utm: { utm_source: 'news' } },
    });
    expect(result.ok && Object.getPrototypeOf(result.data)).toBe(Object.prototype);
  });

  it('refuses other media types with 415', async () => {
    expect(await readBody(request('hi', 'text/plain'))).toMatchObject({ ok: false, status: 415 });
  });

  it('refuses bad JSON and JSON that is not an object with 400 and a message', async () => {
    expect(await readBody(request('{"email":', 'application/json'))).toEqual({
      ok: false,
      status: 400,
      error: 'invalid_json',
      message: 'The body is not valid JSON.',
    });
    expect(await readBody(request('[1]', 'application/json'))).toMatchObject({ status: 400 });
    expect(await readBody(request('null', 'application/json'))).toMatchObject({ status: 400 });
  });

  it('refuses invalid UTF-8 with 400', async () => {
    expect(await readBody(request(new Uint8Array([0x7b, 0xff, 0x7d]), 'application/json'))).toMatchObject({
      status: 400,
      error: 'unreadable_body',
    });
  });

  it('refuses a declared oversize body with 413 without reading it', async () => {
    const req = new Request('https://www.example.com/api/leads', {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json', 'Content-Length': '999999' },
    });
    expect(await readBody(req)).toMatchObject({ status: 413 });
  });

  it('stops reading a streamed body as soon as it passes the limit, leaving the rest unread', async () => {
    let pulled = 0;
    let cancelled = false;
    const chunk = new Uint8Array(1024).fill(0x61);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    const req = new Request('https://www.example.com/api/leads', {
      method: 'POST',
      body: endless,
      headers: { 'Content-Type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(await readBody(req, 4096)).toMatchObject({ ok: false, status: 413, error: 'payload_too_large' });
    // Not cancelled: on a Node server that destroys the socket before the 413 can be sent
    // (tests/integration/body-limits.test.ts); the server closes the connection after answering.
    expect(cancelled).toBe(false);
    expect(pulled).toBeLessThan(10);
  });

  it('accepts a body of exactly the limit and refuses one byte more', async () => {
    const body = JSON.stringify({ message: 'x'.repeat(100 - 14) });
    expect(body).toHaveLength(100);
    expect(await readBody(request(body, 'application/json'), 100)).toMatchObject({ ok: true });
    expect(await readBody(request(`${body} `, 'application/json'), 100)).toMatchObject({ status: 413 });
  });
});
