import { hash } from 'node:crypto';

/**
 * The storage key of a lead: the SHA-256 of its idempotency key. Every enqueue of one key writes
 * the same blob, so two racing enqueues can never make two leads, whatever the store's conditional
 * writes do.
 */
export function leadKeyFor(idempotencyKey: string): string {
  return hash('sha256', idempotencyKey, 'hex');
}

// Base36 milliseconds fit 9 characters until the year 5188, so fixed width keeps ids sortable.
const timeWidth = 9;
// 80 bits of the lead key: two distinct keys received in the same millisecond will not collide.
const keyChars = 20;

/**
 * The lead id the visitor and the CRM see: receive time, then a slice of the lead key. Time first,
 * so an older lead sorts first; derived rather than random, so racing enqueues of one submission
 * store the same id.
 */
export function leadIdFor(receivedAt: number, leadKey: string): string {
  return `${receivedAt.toString(36).padStart(timeWidth, '0')}-${leadKey.slice(0, keyChars)}`;
}
