import type { ServerResponse } from 'node:http';
import { DevCrmControlSchema, type DevCrmControl } from '../../src/schemas/delivery-dev-crm.ts';
import type { FaultPlan } from './faults.ts';
import type { ConsentRecord } from '../../src/schemas/consent-record.ts';
import type { LeadErasedEvent } from '../../src/schemas/privacy-events.ts';

/** A lead the dev CRM accepted: the first request with its Idempotency-Key. */
export interface ReceivedLead {
  id: string;
  receivedAt: string;
  arrivedAt: number;
  attempt: number;
  lead: Record<string, unknown>;
  /** The consent record (docs/crm-webhook.md), checked against ConsentRecordSchema on arrival. */
  consent: ConsentRecord;
}

/** Every webhook request, accepted or not: what tests check backoff and duplicates against. */
export interface Arrival {
  at: number;
  idempotencyKey: string;
  attempt: number;
  answer: number | 'hang';
  outcome: 'recorded' | 'duplicate' | 'fault' | 'rejected';
}

/** What one dev CRM remembers and how it is currently told to behave. */
export interface DevCrmState {
  readonly secret: string;
  readonly now: () => number;
  readonly received: Map<string, ReceivedLead>;
  readonly arrivals: Arrival[];
  /** Answers held open by a `hang` fault, destroyed on close. */
  readonly hanging: Set<ServerResponse>;
  plan: FaultPlan | undefined;
  delayMs: number;
  control: DevCrmControl;
  /** Requests seen so far: a fault plan's position. */
  index: number;
  /** `lead.erased` events taken (docs/crm-webhook.md). */
  readonly erasures: LeadErasedEvent[];
}

// Tests and benchmarks send tens of thousands; beyond this the oldest arrivals are forgotten.
const maxArrivals = 200_000;

/** A fresh dev CRM's memory. */
export function createDevCrmState(options: {
  secret: string;
  faults?: FaultPlan;
  now?: () => number;
}): DevCrmState {
  return {
    secret: options.secret,
    now: options.now ?? Date.now,
    received: new Map(),
    arrivals: [],
    hanging: new Set(),
    plan: options.faults,
    delayMs: 0,
    control: DevCrmControlSchema.parse({}),
    index: 0,
    erasures: [],
  };
}

/** Record one webhook request's answer, forgetting the oldest beyond the cap. */
export function recordArrival(state: DevCrmState, arrival: Omit<Arrival, 'at'>): void {
  state.arrivals.push({ at: state.now(), ...arrival });
  if (state.arrivals.length > maxArrivals) state.arrivals.splice(0, state.arrivals.length - maxArrivals);
}
