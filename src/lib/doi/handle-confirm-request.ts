import { readCappedBody } from '../http/read-capped-body.ts';
import type { ConfirmOutcome } from './confirm-lead.ts';

const json = (status: number, body: Record<string, unknown>) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });

// A token is about 100 characters; anything much larger is not one.
const maxBodyBytes = 1024;

/**
 * POST /api/leads/confirm with `{ "token": "…" }`, sent by the confirmation page when the visitor
 * presses its button (a GET never confirms: mail scanners fetch links). 200 `confirmed` (also for a
 * repeated click), 410 `expired`, 404 `unknown`; 400 names what is wrong with the request; a store
 * failure is a 503 the page offers to retry, never internals.
 */
export async function handleConfirmRequest(
  request: Request,
  confirm: (token: unknown) => Promise<ConfirmOutcome>,
  onConfirmed?: (outcome: ConfirmOutcome) => void,
): Promise<Response> {
  if (request.method !== 'POST')
    return new Response(null, { status: 405, headers: { Allow: 'POST', 'Cache-Control': 'no-store' } });
  const body = await readCappedBody(request.body, maxBodyBytes);
  if (!body.ok)
    return json(body.reason === 'too-large' ? 413 : 400, {
      error: 'bad_request',
      message: 'body: send { "token": "…" } as JSON',
    });
  let token: unknown;
  try {
    token = (JSON.parse(new TextDecoder().decode(body.bytes)) as { token?: unknown } | null)?.token;
  } catch {
    return json(400, { error: 'bad_request', message: 'body: not JSON' });
  }
  if (typeof token !== 'string' || token === '')
    return json(400, { error: 'bad_request', message: 'token: missing (the link in the mail carries it)' });
  let outcome: ConfirmOutcome;
  try {
    outcome = await confirm(token);
  } catch {
    return json(503, { error: 'unavailable', message: 'try again in a minute' });
  }
  if (outcome.status === 'confirmed') {
    onConfirmed?.(outcome);
    return json(200, { status: 'confirmed' });
  }
  return json(outcome.status === 'expired' ? 410 : 404, { status: outcome.status });
}
