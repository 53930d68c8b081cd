import { leadMessages } from '../../schemas/lead-messages.ts';
import type { z } from 'zod';

/** One visitor-facing validation failure: the posted field's name and what to do about it. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Per-parse error map for visitor input: zod's default wording ("expected string, received
 * number") only appears for tampered posts, but it should still read as an instruction.
 * Messages set in the schema (the field catalogue's) win over this.
 */
export const visitorErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type' && issue.input === undefined) return leadMessages.missing;
  if (issue.code === 'invalid_type') return `send this as ${issue.expected}`;
  return undefined;
};

/** Zod issues → one error per field (the first issue wins), named as the form names its inputs. */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const byField = new Map<string, string>();
  for (const issue of issues) {
    const field = issue.path.map(String).join('.') || 'form';
    if (!byField.has(field)) byField.set(field, issue.message);
  }
  return [...byField].map(([field, message]) => ({ field, message }));
}
