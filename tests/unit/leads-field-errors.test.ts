import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toFieldErrors, visitorErrorMap } from '../../src/lib/leads/field-errors.ts';

describe('toFieldErrors', () => {
  const schema = z.object({
    email: z.string().min(5, 'too short').includes('@', 'needs an @'),
    utm: z.object({ utm_source: z.string() }).optional(),
    count: z.number().optional(),
  });

  it('keeps the first message per field and names nested fields with dots', () => {
    const result = schema.safeParse({ email: 'x', utm: { utm_source: 1 } }, { error: visitorErrorMap });
    expect(toFieldErrors(result.error?.issues ?? [])).toEqual([
      { field: 'email', message: 'too short' },
      { field: 'utm.utm_source', message: 'send this as string' },
    ]);
  });

  it('words a missing value as an instruction', () => {
    const result = schema.safeParse({}, { error: visitorErrorMap });
    expect(toFieldErrors(result.error?.issues ?? [])).toEqual([
      { field: 'email', message: 'fill in this field' },
    ]);
  });

  it('names a failure of the whole body "form"', () => {
    const result = schema.safeParse('text', { error: visitorErrorMap });
    expect(toFieldErrors(result.error?.issues ?? [])).toEqual([
      { field: 'form', message: 'send this as object' },
    ]);
  });
});
