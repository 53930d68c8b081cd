import { jsonLine } from '../log/json-line.ts';

/**
 * One JSON object per line, for Netlify's function log and the terminal. Lines carry ids, counts,
 * statuses and timings only: never a lead's payload, and never a CRM's answer (it may echo PII).
 */
export type DeliveryLog = (line: DeliveryLogLine) => void;

export type DeliveryLogLine =
  | {
      event: 'lead.delivery';
      leadId: string;
      attempt: number;
      outcome: 'delivered' | 'retry' | 'dead';
      /** The CRM's HTTP status, or `timeout` / `network-error`. */
      status: number | 'timeout' | 'network-error';
      latencyMs: number;
      retryInMs?: number;
      probe?: boolean;
    }
  | { event: 'lead.released'; leadId: string; reason: string }
  | {
      event: 'mail.send';
      leadId: string;
      kind: string;
      attempt: number;
      outcome: 'sent' | 'retry' | 'dead';
      status?: number | 'network-error';
      retryInMs?: number;
    }
  | { event: 'mail.skipped'; reason: string }
  /** Claimed leads an erasure covers, deleted instead of delivered (src/lib/privacy/erasure-screen.ts). */
  | { event: 'lead.erasure-stopped'; leadIds: string[]; count: number }
  | { event: 'privacy.crm-event'; id: string; attempt: number; outcome: string }
  | { event: 'circuit'; state: string; until?: number; worker: string }
  | { event: 'store.error'; during: string; error: string }
  | { event: 'drain.start'; worker: string; ratePerSecond: number }
  | {
      event: 'drain.end';
      worker: string;
      delivered: number;
      retried: number;
      dead: number;
      released: number;
      stoppedBecause: string;
      elapsedMs: number;
    };

/** A log writing each line as JSON with a timestamp, through `write` (default: stdout). */
export function jsonLog(write: (text: string) => void = (text) => console.log(text)): DeliveryLog {
  return (line) => write(jsonLine(line));
}

/** An error as a short message for the log: store errors carry no lead data, only what failed. */
export function errorMessage(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message}`.slice(0, 300)
    : String(error).slice(0, 300);
}
