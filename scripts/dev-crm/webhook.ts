import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifyCrmSignature } from '../../src/lib/crm/verify-crm-signature.ts';
import { CrmWebhookBodySchema } from '../../src/schemas/delivery-crm-webhook.ts';
import { handleErasedEvent } from './erased-event.ts';
import type { DevCrmFault } from './faults.ts';
import { header, readBody, safeJson, sendJson } from './http.ts';
import { recordArrival, type Arrival, type DevCrmState, type ReceivedLead } from './state.ts';

type Answer = (answer: Arrival['answer'], outcome: Arrival['outcome']) => void;

/**
 * `POST /leads`: a careful receiver's steps in order: wait as told, misbehave as told, verify the
 * signature, parse the body, then record the lead once per Idempotency-Key.
 */
export async function handleWebhook(state: DevCrmState, request: IncomingMessage, response: ServerResponse) {
  const body = await readBody(request);
  if (body === undefined) return sendJson(response, 413, { error: 'too_large' });
  const idempotencyKey = String(request.headers['idempotency-key'] ?? '');
  const attempt = Number(request.headers['x-floodgate-attempt'] ?? 0);
  const answer: Answer = (code, outcome) =>
    recordArrival(state, { idempotencyKey, attempt, answer: code, outcome });

  if (state.delayMs > 0) await sleep(state.delayMs);
  const fault = state.plan?.({ idempotencyKey, attempt, index: state.index++ });
  if (fault && fault.kind !== 'slow') return misbehave(state, response, fault, answer);
  if (fault?.kind === 'slow') await sleep(fault.ms);

  if (header(request, 'x-floodgate-event') === 'lead.erased' && !verify(state, request, body))
    return handleErasedEvent(state, body, response, answer);
  const checked = verify(state, request, body) ?? parse(body, idempotencyKey);
  if ('status' in checked) {
    answer(checked.status, 'rejected');
    return sendJson(response, checked.status, { error: checked.error, message: checked.message });
  }
  const duplicate = state.received.has(idempotencyKey);
  if (!duplicate) state.received.set(idempotencyKey, { ...checked, arrivedAt: state.now(), attempt });
  answer(200, duplicate ? 'duplicate' : 'recorded');
  sendJson(response, 200, { id: idempotencyKey, duplicate });
}

interface Rejection {
  status: 400 | 401;
  error: string;
  message: string;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function verify(state: DevCrmState, request: IncomingMessage, body: string): Rejection | undefined {
  const check = verifyCrmSignature({
    secrets: [state.secret],
    body,
    timestamp: header(request, 'x-floodgate-timestamp'),
    signature: header(request, 'x-floodgate-signature'),
    now: state.now(),
  });
  return check.ok ? undefined : { status: 401, error: 'bad_signature', message: check.reason };
}

function parse(
  body: string,
  idempotencyKey: string,
): Omit<ReceivedLead, 'arrivedAt' | 'attempt'> | Rejection {
  const parsed = CrmWebhookBodySchema.safeParse(safeJson(body));
  if (parsed.success && idempotencyKey && parsed.data.id === idempotencyKey) {
    const { id, receivedAt, lead, consent } = parsed.data;
    return { id, receivedAt, lead, consent };
  }
  const message = parsed.success ? 'Idempotency-Key must be the lead id' : 'body is not a lead webhook';
  return { status: 400, error: 'bad_request', message };
}

function misbehave(state: DevCrmState, response: ServerResponse, fault: DevCrmFault, answer: Answer) {
  if (fault.kind === 'hang') {
    answer('hang', 'fault');
    state.hanging.add(response);
    const timer = setTimeout(() => response.destroy(), fault.ms);
    response.on('close', () => {
      clearTimeout(timer);
      state.hanging.delete(response);
    });
    return;
  }
  if (fault.kind !== 'status') return;
  answer(fault.status, 'fault');
  const headers: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
  sendJson(response, fault.status, { error: 'dev_crm_fault', status: fault.status }, headers);
}
