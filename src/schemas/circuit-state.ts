import { z } from 'zod';

/**
 * The delivery circuit's states, named once for the SQL (src/lib/delivery/delivery-sql.ts, the CHECK
 * constraint in netlify/database/migrations/0002_delivery.sql) and the health answer.
 * closed: calls flow · open: nobody calls until `until` · half-open: one worker probes.
 */
export const CIRCUIT_STATES = ['closed', 'open', 'half-open'] as const;

/** One of the circuit's states, as stored and as reported by the health endpoint. */
export const CircuitStateSchema = z.enum(CIRCUIT_STATES);
export type CircuitStateName = z.infer<typeof CircuitStateSchema>;
