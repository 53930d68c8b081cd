import { describe, expect, it } from 'vitest';
import { jsonLog } from '../../src/lib/delivery/delivery-log.ts';
import { jsonLine } from '../../src/lib/log/json-line.ts';
import { opsLog } from '../../src/lib/ops/ops-log.ts';

/** The project's log lines never carry an e-mail address or a name, whatever a caller passes. */
const at = new Date('2026-12-07T12:00:00Z');
const careless = {
  event: 'store.error',
  leadId: 'lead-1',
  email: 'jane.doe@example.com',
  Name: 'Jane Doe',
  first_name: 'Jane',
  lastName: 'Doe',
  fields: { email: 'jane.doe@example.com', company: 'Acme' },
  payload: { fields: { name: 'Jane' } },
  error: 'duplicate key value (idempotency_key)=(x) for <jane.doe+offer@mail.example.co.uk>',
  nested: [{ email: 'j@example.org', count: 2 }, 'mail me at jane@example.com'],
};

describe('a log line', () => {
  const line = jsonLine(careless, at);
  const parsed = JSON.parse(line) as Record<string, unknown>;

  it('holds no e-mail address, anywhere in it', () => {
    expect(line).not.toMatch(/[^\s@"<]+@[^\s@">]+\.[a-z]+/i);
    expect(line).not.toContain('jane');
    expect(parsed.error).toBe('duplicate key value (idempotency_key)=(x) for <[address]>');
    expect(parsed.nested).toEqual([{ count: 2 }, 'mail me at [address]']);
  });

  it('holds no name or other personal field, in any spelling, at any depth', () => {
    expect(Object.keys(parsed).sort()).toEqual(['at', 'error', 'event', 'leadId', 'nested']);
    expect(line).not.toMatch(/"(e-?mail|name|first_?name|last_?name|fields|payload)"/i);
  });

  it('keeps the ids, counts and outcomes it is for', () => {
    expect(jsonLine({ event: 'lead.delivery', leadId: '01J', attempt: 2, outcome: 'dead' }, at)).toBe(
      '{"at":"2026-12-07T12:00:00.000Z","event":"lead.delivery","leadId":"01J","attempt":2,"outcome":"dead"}',
    );
  });

  it('is what both log helpers write', () => {
    const written: string[] = [];
    opsLog((text) => written.push(text))(careless);
    jsonLog((text) => written.push(text))({ event: 'store.error', during: 'ack', error: 'x a@b.io' });
    expect(written).toHaveLength(2);
    for (const text of written) expect(text).not.toMatch(/@|jane/i);
  });

  it('filters a flat event (the one line per lead, written without a replacer) as a nested one', () => {
    const flat = {
      event: 'lead.accepted',
      leadId: '01J',
      Email: 'jane@example.com',
      'first-name': 'Jane',
      formId: 'demo',
      group: undefined,
      state: 'queued',
      note: 'from jane.doe@example.com',
      count: 2,
      ok: true,
      none: null,
    };
    const line = jsonLine(flat, at);
    expect(line).toBe(
      '{"at":"2026-12-07T12:00:00.000Z","event":"lead.accepted","leadId":"01J","formId":"demo","state":"queued","note":"from [address]","count":2,"ok":true,"none":null}',
    );
    // The same event with one nested value goes the replacer's way: the flat keys come out alike.
    const nested = JSON.parse(jsonLine({ ...flat, extra: { email: 'x@example.com', n: 1 } }, at)) as object;
    expect(nested).toEqual({ ...(JSON.parse(line) as object), extra: { n: 1 } });
  });
});
