import type { SharedCircuit } from './database-circuit.ts';
import type { DeliverLeadDeps } from './deliver-lead.ts';
import type { DeliveryGate } from './delivery-gate.ts';

export interface DrainOptions {
  /** `LEADS_DELIVERY_RATE` (all workers together) and `LEADS_DELIVERY_BURST`: sizes claims and waits. */
  ratePerSecond: number;
  /**
   * Most CRM calls in flight at once (`LEADS_DELIVERY_CONCURRENCY`): a ceiling. Below it, the run
   * keeps pace × the CRM's observed latency in flight (delivery-concurrency.ts).
   */
  concurrency: number;
  /** Most leads claimed at once; fewer at a slow pace, so claimed leads do not wait long for tokens. */
  claimBatch: number;
  /** Claiming stops after this; calls already sent are then awaited (each ends by its timeout). */
  timeBudgetMs: number;
  /** The sink's per-call timeout: leases are sized to outlast it. */
  callTimeoutMs: number;
  /**
   * Nothing due: `stop` (a scheduled run); `retries`: wait while a queued lead falls due within the
   * budget (the background drainer), else stop; `{ pollMs }`: keep polling until the budget ends.
   */
  whenIdle: 'stop' | 'retries' | { pollMs: number };
  /** Checked before each call: true stops claiming (Ctrl+C; a test's "killed" worker). */
  shouldStop?: () => boolean;
  onProgress?: (summary: DrainSummary) => void;
  /** Renew a lease (the drainer's) at least this often; false from `renew` means it was lost: stop. */
  keepAlive?: { everyMs: number; renew: () => Promise<boolean> };
}

export interface DrainDeps extends Omit<DeliverLeadDeps, 'acks'> {
  gate: DeliveryGate;
  circuit: SharedCircuit;
  sleep: (ms: number) => Promise<void>;
  workerId: string;
  /** When the next queued lead falls due (for `whenIdle: 'retries'`). */
  nextDueAt: () => Promise<number | undefined>;
}

export type StopReason = 'empty' | 'time-budget' | 'circuit-open' | 'stopped' | 'store-error' | 'lease-lost';

export interface DrainSummary {
  delivered: number;
  retried: number;
  dead: number;
  /** Claimed but handed back unsent (run ended, circuit opened, lease too short to risk a call). */
  released: number;
  stoppedBecause: StopReason | undefined;
  elapsedMs: number;
}
