import type { IncomingMessage, ServerResponse } from 'node:http';
import { DevCrmControlSchema } from '../../src/schemas/delivery-dev-crm.ts';
import { faultPlanFor } from './faults.ts';
import { readBody, safeJson, sendJson } from './http.ts';
import type { DevCrmState } from './state.ts';

/** `POST /_control`: tell the dev CRM how to misbehave, from the page's form or as JSON. */
export async function handleControl(state: DevCrmState, request: IncomingMessage, response: ServerResponse) {
  const body = (await readBody(request)) ?? '';
  // JSON by its look, not its content type: `curl -d '{…}'` sends JSON labelled as a form post.
  const form = !body.trimStart().startsWith('{');
  const input = form ? Object.fromEntries(new URLSearchParams(body)) : safeJson(body);
  const parsed = DevCrmControlSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    return sendJson(response, 400, { error: 'invalid_control', errors });
  }
  state.control = parsed.data;
  state.plan = faultPlanFor(parsed.data);
  state.delayMs = parsed.data.delayMs ?? 0;
  if (form) {
    response.writeHead(303, { location: '/' });
    return void response.end();
  }
  sendJson(response, 200, parsed.data);
}
