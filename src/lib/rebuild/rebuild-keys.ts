/**
 * Blob keys of the rebuild store. Every writer writes only keys nobody else writes (a fresh id
 * in each key), because the store has no atomic compare-and-set we may rely on: state is the
 * union of blobs, never a read-modify-write of one. Times are zero-padded epoch milliseconds so
 * keys sort chronologically.
 */

import type { WindowClaim } from '../../schemas/webhook-records.ts';

const TIME_DIGITS = 15;
const pad = (ms: number) => String(ms).padStart(TIME_DIGITS, '0');
const time = (digits: string) => (/^\d{15}$/.test(digits) ? Number(digits) : undefined);

export const EVENTS_PREFIX = 'events/';
export const WINDOWS_PREFIX = 'windows/';
export const BUILT_PREFIX = 'built/';
export const CALLS_PREFIX = 'calls/';
export const CLAIMS_PREFIX = 'claims/';

/** An event blob's key, and what the key alone says about it. */
export interface EventKey {
  key: string;
  receivedAt: number;
  id: string;
}

export const eventKey = (receivedAt: number, id: string): string =>
  `${EVENTS_PREFIX}${pad(receivedAt)}-${id}`;

export function parseEventKey(key: string): EventKey | undefined {
  const rest = key.slice(EVENTS_PREFIX.length);
  const receivedAt = time(rest.slice(0, TIME_DIGITS));
  const id = rest.slice(TIME_DIGITS + 1);
  return key.startsWith(EVENTS_PREFIX) && receivedAt !== undefined && id
    ? { key, receivedAt, id }
    : undefined;
}

/** A window's id says when it opens and closes, so planning needs key listings only. */
export interface WindowBounds {
  id: string;
  opensAt: number;
  closesAt: number;
}

export const windowId = (opensAt: number, closesAt: number, firstEventId: string): string =>
  `${pad(opensAt)}-${pad(closesAt)}-${firstEventId}`;

export function parseWindowId(id: string): WindowBounds | undefined {
  const opensAt = time(id.slice(0, TIME_DIGITS));
  const closesAt = time(id.slice(TIME_DIGITS + 1, 2 * TIME_DIGITS + 1));
  const valid = opensAt !== undefined && closesAt !== undefined && id.length > 2 * TIME_DIGITS + 2;
  return valid ? { id, opensAt, closesAt } : undefined;
}

export const windowKey = (id: string): string => `${WINDOWS_PREFIX}${id}`;
export const builtKey = (id: string): string => `${BUILT_PREFIX}${id}`;
export const claimsPrefix = (id: string): string => `${CLAIMS_PREFIX}${id}/`;
export const claimKey = (id: string, claimedAt: number, claimantId: string): string =>
  `${claimsPrefix(id)}${pad(claimedAt)}-${claimantId}`;

/** A claim is its key: `claimKey` read back, or undefined for a key of another shape. */
export function parseClaimKey(windowId: string, key: string): WindowClaim | undefined {
  const rest = key.slice(claimsPrefix(windowId).length);
  const claimedAt = rest[TIME_DIGITS] === '-' ? time(rest.slice(0, TIME_DIGITS)) : undefined;
  const claimantId = rest.slice(TIME_DIGITS + 1);
  return claimedAt !== undefined && claimantId ? { windowId, claimantId, claimedAt } : undefined;
}

export const callsPrefix = (id: string): string => `${CALLS_PREFIX}${id}/`;
export const callKey = (id: string, startedAt: number, claimantId: string): string =>
  `${callsPrefix(id)}${pad(startedAt)}-${claimantId}`;
