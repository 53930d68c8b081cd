import { createHmac } from 'node:crypto';
import { normalizeAddress } from './normalize-address.ts';

/** The tombstone's keyed hash of an address (hex HMAC-SHA256): no address, not guessable without the secret. */
export const addressHash = (secret: string, address: string): string =>
  createHmac('sha256', secret).update(normalizeAddress(address)).digest('hex');

/**
 * Every address a lead's payload holds: each field value with an `@` (the `email` field and any
 * custom e-mail field), normalised. The same rule as the SQL lookup (privacy-sql.ts), which matches
 * any field equal to the address.
 */
export function addressesIn(payload: Record<string, unknown> | undefined): string[] {
  const fields = payload?.fields;
  if (!fields || typeof fields !== 'object') return [];
  const values = Object.values(fields as Record<string, unknown>);
  const found = values.filter((value): value is string => typeof value === 'string' && value.includes('@'));
  return [...new Set(found.map(normalizeAddress))];
}
