import type { z } from 'zod';

/**
 * Per-parse error map: zod's default wording for a missing value ("expected string, received
 * undefined") means nothing to a marketer. Schema-level messages still win.
 */
export const friendlyErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required: fill it in';
  return undefined;
};

/** The field a zod issue is about, and the message with any position inside the field. */
export function describeZodIssue(issue: z.core.$ZodIssue): { field: string | undefined; message: string } {
  const [field, ...rest] = issue.path;
  // The discriminant of a section is its content type, not a field a marketer can see.
  if (rest.length > 1 && rest.at(-1) === 'type') rest.pop();
  const position = rest
    .map((segment) => (typeof segment === 'number' ? `item ${segment + 1}` : String(segment)))
    .join(' › ');
  return {
    field: field === undefined ? undefined : String(field),
    message: position ? `${position}: ${issue.message}` : issue.message,
  };
}
