import type { ServerResponse } from 'node:http';
import { addressesIn } from '../../src/lib/privacy/address-hash.ts';
import { LeadErasedEventSchema } from '../../src/schemas/privacy-events.ts';
import { safeJson, sendJson } from './http.ts';
import type { Arrival, DevCrmState } from './state.ts';

/**
 * A signed `lead.erased` event (docs/crm-webhook.md): what a CRM should do with one, done to the
 * dev CRM's memory: forget every lead holding the address that was submitted before the erasure
 * (a later one is a new sign-up, a new consent). Repeats are harmless.
 */
export function handleErasedEvent(
  state: DevCrmState,
  body: string,
  response: ServerResponse,
  answer: (code: Arrival['answer'], outcome: Arrival['outcome']) => void,
) {
  const parsed = LeadErasedEventSchema.safeParse(safeJson(body));
  if (!parsed.success) {
    answer(400, 'rejected');
    return sendJson(response, 400, { error: 'bad_request', message: 'body is not a lead.erased event' });
  }
  let erased = 0;
  const before = Date.parse(parsed.data.erasedAt);
  for (const [key, lead] of state.received)
    if (Date.parse(lead.receivedAt) <= before && addressesIn(lead.lead).includes(parsed.data.email))
      erased += Number(state.received.delete(key));
  state.erasures.push(parsed.data);
  answer(200, 'recorded');
  sendJson(response, 200, { id: parsed.data.id, erased });
}
