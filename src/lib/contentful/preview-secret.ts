import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Does the request carry the preview secret? Compared in constant time (over digests, so the
 * length of the secret does not leak either).
 */
export function isPreviewSecret(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  return timingSafeEqual(digest(given), digest(expected));
}
