import { createHash, timingSafeEqual } from 'node:crypto';
import { BearerAuthorizationSchema, type DeliveryHealth } from '../../schemas/delivery-health.ts';

/** What the health endpoint needs: the configured token (if any) and a way to build the report. */
export interface HealthRequestDeps {
  token: string | undefined;
  report: () => Promise<DeliveryHealth>;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });

// Hashing first gives equal lengths, so the comparison takes the same time whatever was sent.
const sameToken = (sent: string, expected: string) =>
  timingSafeEqual(createHash('sha256').update(sent).digest(), createHash('sha256').update(expected).digest());

/** GET /api/leads/health: the queue's state for a monitor holding `LEADS_HEALTH_TOKEN`. */
export async function handleHealthRequest(request: Request, deps: HealthRequestDeps): Promise<Response> {
  if (request.method !== 'GET') {
    return json(405, { error: 'method_not_allowed', message: 'Use GET.' }, { Allow: 'GET' });
  }
  if (!deps.token) {
    return json(503, { error: 'not_configured', message: 'Set LEADS_HEALTH_TOKEN to enable this endpoint.' });
  }
  const sent = BearerAuthorizationSchema.safeParse(request.headers.get('authorization') ?? '');
  if (!sent.success || !sameToken(sent.data, deps.token)) {
    const message = 'Send Authorization: Bearer <LEADS_HEALTH_TOKEN>.';
    return json(401, { error: 'unauthorized', message }, { 'WWW-Authenticate': 'Bearer' });
  }
  try {
    return json(200, await deps.report());
  } catch {
    // The store's error may name internals; the monitor only needs to know the answer is unavailable.
    return json(
      503,
      { error: 'store_unavailable', message: 'The lead store did not answer. Try again.' },
      { 'Retry-After': '10' },
    );
  }
}
