/**
 * An e-mail address as every privacy lookup compares it: trimmed, Unicode NFC, lower case. The
 * intake accepts ASCII addresses only (zod's e-mail rule), so lower case here equals Postgres'
 * `lower()` on what is stored.
 */
export const normalizeAddress = (address: string): string => address.trim().normalize('NFC').toLowerCase();
