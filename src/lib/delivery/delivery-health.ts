import type { DeliveryHealth } from '../../schemas/delivery-health.ts';
import type { LeadQueue } from '../queue/lead-queue.ts';
import type { CircuitStore } from './shared-circuit.ts';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** The queue's counts and the circuit's state, as operators and monitors see them. */
export async function deliveryHealth(deps: {
  queue: LeadQueue;
  circuit: CircuitStore;
  now: number;
}): Promise<DeliveryHealth> {
  const [status, circuit] = await Promise.all([deps.queue.status(deps.now), deps.circuit.load()]);
  const until =
    circuit.state === 'open' ? circuit.until : circuit.state === 'half-open' ? circuit.probeUntil : undefined;
  return {
    checkedAt: new Date(deps.now).toISOString(),
    depth: status.depth,
    waiting: status.waiting,
    retrying: status.retrying,
    inFlight: status.inFlight,
    oldestAgeSeconds: status.oldestAgeMs === undefined ? null : Math.round(status.oldestAgeMs / 1000),
    deadLetters: status.deadLetters,
    spam: status.spam,
    lastDeliveredAt: iso(status.lastDeliveredAt),
    circuit: { state: circuit.state, until: iso(until) },
  };
}
