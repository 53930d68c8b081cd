import { EnqueueTimeoutError } from '../queue/enqueue-deadline.ts';

// Node's socket errors: the server is down, unreachable, or hung up.
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
// node-postgres' own messages for a lost or never-made connection (they carry no code).
const driverMessages = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection.*closed/i,
];

/**
 * True when an enqueue failed because the database did not answer (deadline passed, connection
 * refused, reset or lost, server shutting down or full), not because it refused the data. Only
 * the first kind goes to the fallback outbox: a data error would fail again on import, so it stays
 * a 503 and is logged.
 */
export function isDatabaseOutage(error: unknown): boolean {
  if (error instanceof EnqueueTimeoutError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  // SQLSTATE class 08 (connection exception); 57P01–57P03 (shutdown, cannot connect now); 53300 (too many connections).
  if (/^08/.test(code) || /^57P0[1-3]$/.test(code) || code === '53300' || socketCodes.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return !code && driverMessages.some((pattern) => pattern.test(message));
}
