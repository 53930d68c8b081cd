/** A worker's last sign of life, as published in the shared store. */
export interface Heartbeat {
  workerId: string;
  /** When the worker last published (ms since the epoch, its own clock). */
  at: number;
  /** The pace it was configured with, so workers with different settings settle on the lowest. */
  ratePerSecond?: number;
  burst?: number;
}

/**
 * Where concurrent workers see each other. Each worker only ever writes its own entry, so no two
 * writers race on one blob: exactly what a store without atomic conditional writes can do safely.
 */
export interface WorkerRegistry {
  beat(heartbeat: Heartbeat): Promise<void>;
  list(): Promise<Heartbeat[]>;
  leave(workerId: string): Promise<void>;
}

/** A registry in one process's memory, shared by the workers given the same instance (unit tests). */
export function createMemoryWorkerRegistry(): WorkerRegistry {
  const beats = new Map<string, Heartbeat>();
  return {
    beat: async (heartbeat) => void beats.set(heartbeat.workerId, heartbeat),
    list: async () => [...beats.values()],
    leave: async (workerId) => void beats.delete(workerId),
  };
}
