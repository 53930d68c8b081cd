import { describe, expect, it } from 'vitest';
import { checkSpam, spamThreshold, spamWeights, type SpamEvidence } from '../../src/lib/leads/spam-check.ts';
import { createRecentBodies } from '../../src/lib/leads/recent-bodies.ts';

const now = 1_700_000_000_000;
const human: SpamEvidence = {
  website: '',
  fillMs: 9000,
  startedAt: undefined,
  scripted: true,
  minFillMs: 2500,
  now,
  repeats: 0,
  texts: [
    { value: 'Ada Lovelace', multiline: false },
    { value: 'Interested in the roadmap.', multiline: true },
  ],
};
const judged = (changes: Partial<SpamEvidence>) => checkSpam({ ...human, ...changes });

describe('checkSpam: each signal', () => {
  it('passes a person who took their time, with a score of 0', () => {
    expect(checkSpam(human)).toEqual({ verdict: 'ok', score: 0, signals: [] });
  });

  it('a filled honeypot decides alone; whitespace is not filled', () => {
    expect(judged({ website: 'https://spam.example' })).toEqual({
      verdict: 'spam',
      score: 100,
      signals: ['honeypot'],
    });
    expect(judged({ website: '   ' }).signals).toEqual([]);
  });

  it('under 300 ms is impossible and decides alone; 300 ms is only fast', () => {
    expect(judged({ fillMs: 299 })).toEqual({ verdict: 'spam', score: 60, signals: ['impossible-timing'] });
    expect(judged({ fillMs: 300 })).toEqual({ verdict: 'ok', score: 20, signals: ['fast-timing'] });
  });

  it('a fast fill (autofill) is a weak signal that never decides alone', () => {
    expect(judged({ fillMs: 500 })).toEqual({ verdict: 'ok', score: 20, signals: ['fast-timing'] });
    expect(judged({ fillMs: 2499 }).signals).toEqual(['fast-timing']);
    expect(judged({ fillMs: 2500 }).signals).toEqual([]);
  });

  it('falls back to startedAt, and ignores a visitor clock ahead of ours', () => {
    expect(judged({ fillMs: undefined, startedAt: now - 1000 }).signals).toEqual(['fast-timing']);
    expect(judged({ fillMs: undefined, startedAt: now - 100 }).signals).toEqual(['impossible-timing']);
    expect(judged({ fillMs: undefined, startedAt: now - 5000 }).signals).toEqual([]);
    expect(judged({ fillMs: undefined, startedAt: now + 60_000 }).signals).toEqual([]);
  });

  it('expects a fill time from the page script but not from a no-JS post', () => {
    expect(judged({ fillMs: undefined })).toEqual({
      verdict: 'spam',
      score: 60,
      signals: ['scripted-without-fill-time'],
    });
    expect(judged({ fillMs: undefined, scripted: false })).toEqual({ verdict: 'ok', score: 0, signals: [] });
  });

  it('a repeated body counts, but does not decide alone', () => {
    expect(judged({ repeats: 1 })).toEqual({ verdict: 'ok', score: 30, signals: ['repeated-body'] });
  });

  it('a link or two in a message is a weak signal; one in a name or three in a message is stuffing', () => {
    const message = (value: string) => judged({ texts: [{ value, multiline: true }] });
    expect(message('see https://example.com and www.example.org')).toMatchObject({
      verdict: 'ok',
      signals: ['links'],
    });
    expect(message('http://a.example http://b.example https://c.example').signals).toEqual(['link-stuffed']);
    expect(judged({ texts: [{ value: 'Cheap pills www.pills.example', multiline: false }] }).signals).toEqual(
      ['link-stuffed'],
    );
    expect(message('Example.com Inc. is our company').signals).toEqual([]);
  });
});

describe('checkSpam: combinations', () => {
  it('fast and repeated together reach the threshold', () => {
    expect(judged({ fillMs: 800, repeats: 2 })).toEqual({
      verdict: 'spam',
      score: 50,
      signals: ['fast-timing', 'repeated-body'],
    });
  });

  it('fast with link stuffing is spam; fast with one link in a message is a lead', () => {
    const links = (value: string) => [{ value, multiline: true }];
    expect(
      judged({ fillMs: 800, texts: links('a https://x.example b https://y.example c https://z.example') }),
    ).toMatchObject({ verdict: 'spam', score: 60 });
    expect(judged({ fillMs: 800, texts: links('our site: https://x.example') })).toMatchObject({
      verdict: 'ok',
      score: 35,
    });
  });

  it('adds every signal that counted, so a reviewer sees all of them', () => {
    const everything = judged({
      website: 'x',
      fillMs: 100,
      repeats: 3,
      texts: [{ value: 'www.spam.example', multiline: false }],
    });
    expect(everything.signals).toEqual(['honeypot', 'impossible-timing', 'repeated-body', 'link-stuffed']);
    expect(everything.score).toBe(100 + 60 + 30 + 40);
  });

  it('no single weak signal reaches the threshold on its own', () => {
    for (const weak of ['fast-timing', 'repeated-body', 'links'] as const)
      expect(spamWeights[weak]).toBeLessThan(spamThreshold);
  });
});

describe('createRecentBodies', () => {
  it('counts other submissions with the same content, not retries of the same one', () => {
    const recent = createRecentBodies();
    expect(recent.record(['form', { email: 'a@x.example' }], 'key-1')).toBe(0);
    expect(recent.record(['form', { email: 'a@x.example' }], 'key-1')).toBe(0);
    expect(recent.record(['form', { email: 'a@x.example' }], 'key-2')).toBe(1);
    expect(recent.record(['form', { email: 'a@x.example' }], 'key-3')).toBe(2);
    expect(recent.record(['form', { email: 'b@x.example' }], 'key-4')).toBe(0);
  });

  it('forgets the oldest content beyond its capacity', () => {
    const recent = createRecentBodies(2);
    recent.record('first', 'a');
    recent.record('second', 'b');
    recent.record('third', 'c');
    expect(recent.record('first', 'd')).toBe(0);
    expect(recent.record('third', 'e')).toBe(1);
  });
});
