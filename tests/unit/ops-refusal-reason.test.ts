import { describe, expect, it } from 'vitest';
import { problemResponse } from '../../src/lib/leads/lead-responses.ts';
import { countingRefusals, refusalReason, type RefusalRecorder } from '../../src/lib/ops/refusal-recorder.ts';

const problem = (status: number, error: string) => ({ status, error, message: 'No.' });

describe('refusals by reason', () => {
  it('a 400 is counted with its machine code, JSON or no-JS HTML alike; other statuses by status alone', () => {
    expect(refusalReason(problemResponse(problem(400, 'invalid_lead'), undefined))).toBe('400 invalid_lead');
    const html = problemResponse(problem(400, 'invalid_json'), { locale: 'en-US', backHref: '/' });
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(refusalReason(html)).toBe('400 invalid_json');
    expect(refusalReason(problemResponse(problem(503, 'unavailable'), undefined))).toBe('503');
    expect(refusalReason(problemResponse(problem(409, 'conflict'), undefined))).toBe('409');
    // A code that is not a plain machine code is never used as a key.
    expect(
      refusalReason(new Response('', { status: 400, headers: { 'x-floodgate-refusal': 'x'.repeat(41) } })),
    ).toBe('400');
    expect(refusalReason(new Response('', { status: 400 }))).toBe('400');
  });

  it('the wrapper records each refusal it answers and nothing for an acceptance', async () => {
    const recorded: string[] = [];
    const recorder: RefusalRecorder = {
      record: (reason) => void recorded.push(reason),
      flush: async () => {},
    };
    const answers = [
      problemResponse(problem(400, 'invalid_lead'), undefined),
      new Response(null, { status: 202 }),
    ];
    const handler = countingRefusals(() => Promise.resolve(answers.shift() ?? new Response()), recorder);
    await handler();
    await handler();
    expect(recorded).toEqual(['400 invalid_lead']);
  });
});
