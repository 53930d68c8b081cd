import { hash } from 'node:crypto';

/**
 * The key that makes one submission one lead. The page script sends a UUID per form view and
 * reuses it on retries. A no-JS post has none, so one is derived from what was submitted: the same
 * visitor (IP hash) posting the same fields again, e.g. a double click, makes no second lead.
 */
export function idempotencyKeyFor(
  sent: string | undefined,
  submission: { formId: string; ipHash: string; fields: Record<string, unknown> },
): string {
  if (sent) return sent;
  const digest = hash(
    'sha256',
    JSON.stringify([submission.formId, submission.ipHash, submission.fields]),
    'hex',
  );
  return `derived-${digest}`;
}
