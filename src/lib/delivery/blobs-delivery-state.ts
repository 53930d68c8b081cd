import type { Store } from '@netlify/blobs';
import type { DeliveryHealth } from '../../schemas/delivery-health.ts';
import { leadQueueIn } from '../queue/blobs-lead-queue.ts';
import { LEAD_QUEUE_NAME } from '../queue/lead-stores.ts';
import { closedCircuit, type CircuitState } from './circuit-breaker.ts';
import { deliveryHealth } from './delivery-health.ts';
import type { CircuitStore } from './shared-circuit.ts';
import type { Heartbeat, WorkerRegistry } from './worker-registry.ts';

// A heartbeat this old belongs to a worker that died long ago; whoever sees it tidies it away.
const forgetAfterMs = 600_000;

/** Workers' heartbeats as `<queue>/workers/<workerId>` blobs: each worker writes only its own. */
export function blobsWorkerRegistry(store: Store, queueName: string): WorkerRegistry {
  const prefix = `${queueName}/workers/`;
  return {
    beat: async (heartbeat) => void (await store.setJSON(`${prefix}${heartbeat.workerId}`, heartbeat)),
    async list() {
      const { blobs } = await store.list({ prefix });
      const beats = await Promise.all(
        blobs.map(async ({ key }) => (await store.get(key, { type: 'json' })) as Heartbeat | null),
      );
      const found = beats.filter((beat) => beat !== null);
      const newest = Math.max(0, ...found.map((beat) => beat.at));
      for (const old of found.filter((beat) => newest - beat.at > forgetAfterMs)) {
        void store.delete(`${prefix}${old.workerId}`).catch(() => {});
      }
      return found;
    },
    leave: (workerId) => store.delete(`${prefix}${workerId}`),
  };
}

/** The circuit's state as one `<queue>/circuit` blob; a missing or unreadable blob means closed. */
export function blobsCircuitStore(store: Store, queueName: string): CircuitStore {
  const key = `${queueName}/circuit`;
  return {
    async load() {
      const stored = (await store.get(key, { type: 'json' })) as CircuitState | null;
      const known = ['closed', 'open', 'half-open'];
      return stored && known.includes(stored.state) ? stored : closedCircuit;
    },
    save: async (state) => void (await store.setJSON(key, state)),
  };
}

/** The lead queue's health as `/api/leads/health` and `npm run leads:status` report it. */
export const leadDeliveryHealth = (store: Store, now: number): Promise<DeliveryHealth> =>
  deliveryHealth({ queue: leadQueueIn(store), circuit: blobsCircuitStore(store, LEAD_QUEUE_NAME), now });
