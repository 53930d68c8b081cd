import type { DevCrmControl } from '../../src/schemas/delivery-dev-crm.ts';

/** How the dev CRM misbehaves for one request, or undefined to behave. */
export type DevCrmFault =
  /** Answer this status (with `Retry-After` if given) without recording the lead. */
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  /** Say nothing for `ms`, then drop the connection, without recording the lead. */
  | { kind: 'hang'; ms: number }
  /** Record the lead normally, but answer only after `ms`. */
  | { kind: 'slow'; ms: number };

/** What the dev CRM knows about a request when it decides whether to misbehave. */
export interface FaultContext {
  idempotencyKey: string;
  attempt: number;
  /** 0 for the first request the server ever saw. */
  index: number;
}

export type FaultPlan = (request: FaultContext) => DevCrmFault | undefined;

// Long enough that any sane client timeout fires first; the socket is then dropped.
const hangMs = 120_000;

/** The fault plan a `/_control` call asks for (for `count` requests, or until told otherwise). */
export function faultPlanFor(control: DevCrmControl): FaultPlan | undefined {
  let remaining = control.count ?? Infinity;
  const fault = faultFor(control);
  if (!fault) return undefined;
  return () => {
    if (remaining <= 0) return undefined;
    remaining -= 1;
    return fault;
  };
}

function faultFor(control: DevCrmControl): DevCrmFault | undefined {
  switch (control.mode) {
    case 'fail':
      return { kind: 'status', status: control.status ?? 500 };
    case 'reject':
      return { kind: 'status', status: control.status ?? 422 };
    case 'rate-limit':
      return { kind: 'status', status: 429, retryAfterSeconds: control.retryAfterSeconds ?? 5 };
    case 'timeout':
      return { kind: 'hang', ms: hangMs };
    case 'ok':
      // A slow CRM (`delayMs`) is not a fault: the server applies it to every answer.
      return undefined;
  }
}
