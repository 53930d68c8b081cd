import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyCrmSignature } from '../../src/lib/crm/verify-crm-signature.ts';
import { CrmWebhookBodySchema } from '../../src/schemas/delivery-crm-webhook.ts';
import { DevCrmControlSchema, type DevCrmControl } from '../../src/schemas/delivery-dev-crm.ts';
import { faultPlanFor, type DevCrmFault, type FaultPlan } from './faults.ts';
import { header, readBody, safeJson, sendJson } from './http.ts';
import { renderDevCrmPage } from './page.ts';

/** A lead the dev CRM accepted: the first request with its Idempotency-Key. */
export interface ReceivedLead {
  id: string;
  receivedAt: string;
  arrivedAt: number;
  attempt: number;
  lead: Record<string, unknown>;
}

/** Every webhook request, accepted or not: what tests check backoff and duplicates against. */
export interface Arrival {
  at: number;
  idempotencyKey: string;
  attempt: number;
  answer: number | 'hang';
  outcome: 'recorded' | 'duplicate' | 'fault' | 'rejected';
}

export interface DevCrm {
  /** `http://127.0.0.1:<port>`: the page; the webhook is `webhookUrl`. */
  url: string;
  webhookUrl: string;
  received(): ReceivedLead[];
  arrivals(): Arrival[];
  /** Replace the fault plan (tests use seeded plans; people use `POST /_control`). */
  setFaults(plan: FaultPlan | undefined, delayMs?: number): void;
  close(): Promise<void>;
}

export interface DevCrmOptions {
  secret: string;
  port?: number;
  host?: string;
  faults?: FaultPlan;
  now?: () => number;
}

// Tests and benchmarks send tens of thousands; beyond this the oldest arrivals are forgotten.
const maxArrivals = 200_000;

/**
 * A stand-in CRM on loopback that behaves like a careful receiver: verifies the signature, dedups
 * by Idempotency-Key, records what arrived and shows it at `/`. It can be told to fail (see
 * `DevCrmControlSchema`) so retries, backoff, the circuit breaker and dead letters can be watched.
 */
export async function startDevCrm(options: DevCrmOptions): Promise<DevCrm> {
  const now = options.now ?? Date.now;
  const received = new Map<string, ReceivedLead>();
  const arrivals: Arrival[] = [];
  let plan = options.faults;
  let delayMs = 0;
  let control: DevCrmControl = DevCrmControlSchema.parse({});
  let index = 0;
  const hanging = new Set<ServerResponse>();

  const server = createServer((request, response) => {
    void route(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('dev CRM error');
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse) {
    const path = new URL(request.url ?? '/', 'http://dev-crm').pathname;
    if (request.method === 'POST' && path === '/leads') return webhook(request, response);
    if (request.method === 'POST' && path === '/_control') return controlRequest(request, response);
    if (request.method === 'GET' && path === '/_received')
      return sendJson(response, 200, [...received.values()]);
    if (request.method === 'GET' && path === '/') {
      const page = renderDevCrmPage({
        leads: [...received.values()],
        arrivals: arrivals.slice(-50),
        control,
      });
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return void response.end(page);
    }
    sendJson(response, 404, { error: 'not_found' });
  }

  async function webhook(request: IncomingMessage, response: ServerResponse) {
    const body = await readBody(request);
    if (body === undefined) return sendJson(response, 413, { error: 'too_large' });
    const idempotencyKey = String(request.headers['idempotency-key'] ?? '');
    const attempt = Number(request.headers['x-floodgate-attempt'] ?? 0);
    const arrival = (answer: Arrival['answer'], outcome: Arrival['outcome']) => {
      arrivals.push({ at: now(), idempotencyKey, attempt, answer, outcome });
      if (arrivals.length > maxArrivals) arrivals.splice(0, arrivals.length - maxArrivals);
    };
    if (delayMs > 0) await new Promise((done) => setTimeout(done, delayMs));
    const fault = plan?.({ idempotencyKey, attempt, index: index++ });
    if (fault && fault.kind !== 'slow') return misbehave(response, fault, arrival);
    if (fault?.kind === 'slow') await new Promise((done) => setTimeout(done, fault.ms));
    const check = verifyCrmSignature({
      secrets: [options.secret],
      body,
      timestamp: header(request, 'x-floodgate-timestamp'),
      signature: header(request, 'x-floodgate-signature'),
      now: now(),
    });
    if (!check.ok) {
      arrival(401, 'rejected');
      return sendJson(response, 401, { error: 'bad_signature', message: check.reason });
    }
    const parsed = CrmWebhookBodySchema.safeParse(safeJson(body));
    if (!parsed.success || !idempotencyKey || parsed.data.id !== idempotencyKey) {
      arrival(400, 'rejected');
      const message = parsed.success ? 'Idempotency-Key must be the lead id' : 'body is not a lead webhook';
      return sendJson(response, 400, { error: 'bad_request', message });
    }
    const duplicate = received.has(idempotencyKey);
    if (!duplicate) {
      const { id, receivedAt, lead } = parsed.data;
      received.set(idempotencyKey, { id, receivedAt, arrivedAt: now(), attempt, lead });
    }
    arrival(200, duplicate ? 'duplicate' : 'recorded');
    sendJson(response, 200, { id: idempotencyKey, duplicate });
  }

  function misbehave(
    response: ServerResponse,
    fault: DevCrmFault,
    arrival: (answer: Arrival['answer'], outcome: Arrival['outcome']) => void,
  ) {
    if (fault.kind === 'hang') {
      arrival('hang', 'fault');
      hanging.add(response);
      const timer = setTimeout(() => response.destroy(), fault.ms);
      response.on('close', () => {
        clearTimeout(timer);
        hanging.delete(response);
      });
      return;
    }
    if (fault.kind !== 'status') return;
    arrival(fault.status, 'fault');
    const headers: Record<string, string> =
      fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
    sendJson(response, fault.status, { error: 'dev_crm_fault', status: fault.status }, headers);
  }

  async function controlRequest(request: IncomingMessage, response: ServerResponse) {
    const body = (await readBody(request)) ?? '';
    // JSON by its look, not its content type: `curl -d '{…}'` sends JSON labelled as a form post.
    const form = !body.trimStart().startsWith('{');
    const input = form ? Object.fromEntries(new URLSearchParams(body)) : safeJson(body);
    const parsed = DevCrmControlSchema.safeParse(input ?? {});
    if (!parsed.success) {
      const errors = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      return sendJson(response, 400, { error: 'invalid_control', errors });
    }
    control = parsed.data;
    plan = faultPlanFor(control);
    delayMs = control.delayMs ?? 0;
    if (form) {
      response.writeHead(303, { location: '/' });
      return void response.end();
    }
    sendJson(response, 200, control);
  }

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => done());
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address}:${port}`;
  return {
    url,
    webhookUrl: `${url}/leads`,
    received: () => [...received.values()],
    arrivals: () => [...arrivals],
    setFaults(next, delay = 0) {
      plan = next;
      delayMs = delay;
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
