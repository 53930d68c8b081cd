import { hash } from 'node:crypto';

/**
 * What makes two submissions "the same" for idempotency (as Stripe does for its keys): the form
 * and every field the visitor typed, in a canonical order. Context that may differ on an honest
 * retry (timing, UTM captured later, the IP) is left out.
 */
export function leadFingerprint(formId: string, fields: Record<string, unknown>): string {
  const canonical = JSON.stringify([
    formId,
    Object.keys(fields)
      .sort()
      .map((name) => [name, fields[name]]),
  ]);
  // One-shot `hash`: the same digest as createHash's, without a Hash object per lead (issue 20).
  return hash('sha256', canonical, 'hex');
}
