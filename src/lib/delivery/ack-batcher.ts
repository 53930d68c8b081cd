import type { ClaimedLead, LeadQueue } from '../queue/lead-queue.ts';

/**
 * Acknowledgements as group commits: while one `ackMany` statement is in flight, the next acks
 * gather and go together in the following one. At a slow pace every ack goes at once (alone); at
 * full speed one statement settles dozens of leads, so the database is not the bottleneck. An ack
 * lost to a crash only means the lead is delivered again after its lease (the Idempotency-Key
 * makes that harmless).
 */
export function createAckBatcher(queue: LeadQueue, onError: (error: unknown, leads: number) => void) {
  let waiting: ClaimedLead[] = [];
  let flushing: Promise<void> | undefined;
  const flush = (): Promise<void> => {
    if (flushing || waiting.length === 0) return flushing ?? Promise.resolve();
    const batch = waiting;
    waiting = [];
    flushing = queue
      .ackMany(batch)
      .catch((error: unknown) => onError(error, batch.length))
      .finally(() => {
        flushing = undefined;
        void flush();
      });
    return flushing;
  };
  return {
    ack(lead: ClaimedLead): void {
      waiting.push(lead);
      void flush();
    },
    /** Resolve once every ack given so far has been written (or has failed and been reported). */
    async settled(): Promise<void> {
      while (flushing || waiting.length > 0) await flush();
    },
  };
}
