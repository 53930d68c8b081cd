import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControl } from './control.ts';
import type { FaultPlan } from './faults.ts';
import { sendJson } from './http.ts';
import { renderDevCrmPage } from './page.ts';
import { createDevCrmState, type Arrival, type DevCrmState, type ReceivedLead } from './state.ts';
import { handleWebhook } from './webhook.ts';
import type { CaughtMail } from './mail-catcher.ts';
import { renderMailPage } from './mail-page.ts';
import type { LeadErasedEvent } from '../../src/schemas/privacy-events.ts';

export type { Arrival, ReceivedLead } from './state.ts';

export interface DevCrm {
  /** `http://127.0.0.1:<port>`: the page; the webhook is `webhookUrl`. */
  url: string;
  webhookUrl: string;
  received(): ReceivedLead[];
  arrivals(): Arrival[];
  /** `lead.erased` events it took. */
  erasures(): LeadErasedEvent[];
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
  /** The local SMTP catcher's mails, shown at `/mail` and as JSON at `/_mail`. */
  mailbox?: { mails(): CaughtMail[] };
}

/**
 * A stand-in CRM on loopback that behaves like a careful receiver: verifies the signature, dedups
 * by Idempotency-Key, records what arrived and shows it at `/`. It can be told to fail (see
 * `DevCrmControlSchema`) so retries, backoff, the circuit breaker and dead letters can be watched.
 */
export async function startDevCrm(options: DevCrmOptions): Promise<DevCrm> {
  const state = createDevCrmState(options);
  const server = createServer((request, response) => {
    void route(state, request, response, options.mailbox).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('dev CRM error');
    });
  });
  const url = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  return handle(state, server, url);
}

async function route(
  state: DevCrmState,
  request: IncomingMessage,
  response: ServerResponse,
  mailbox: DevCrmOptions['mailbox'],
) {
  const path = new URL(request.url ?? '/', 'http://dev-crm').pathname;
  if (request.method === 'GET' && path === '/_mail') return sendJson(response, 200, mailbox?.mails() ?? []);
  if (request.method === 'GET' && path === '/mail') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    return void response.end(renderMailPage(mailbox?.mails() ?? []));
  }
  if (request.method === 'POST' && path === '/leads') return handleWebhook(state, request, response);
  if (request.method === 'POST' && path === '/_control') return handleControl(state, request, response);
  if (request.method === 'GET' && path === '/_received')
    return sendJson(response, 200, [...state.received.values()]);
  if (request.method === 'GET' && path === '/') {
    const page = renderDevCrmPage({
      leads: [...state.received.values()],
      arrivals: state.arrivals.slice(-50),
      control: state.control,
    });
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    return void response.end(page);
  }
  sendJson(response, 404, { error: 'not_found' });
}

async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done());
  });
  const { address, port: bound } = server.address() as AddressInfo;
  return `http://${address}:${bound}`;
}

function handle(state: DevCrmState, server: Server, url: string): DevCrm {
  return {
    url,
    webhookUrl: `${url}/leads`,
    received: () => [...state.received.values()],
    arrivals: () => [...state.arrivals],
    erasures: () => [...state.erasures],
    setFaults(next, delay = 0) {
      state.plan = next;
      state.delayMs = delay;
    },
    async close() {
      for (const response of state.hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
