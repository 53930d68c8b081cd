import { opsResponses as answer } from './ops-responses.ts';
import { isOpsRequest } from './ops-session.ts';
import type { OpsMetrics } from './read-metrics.ts';

/** GET /api/ops/metrics: the figures as JSON, on the same access rules as /ops/. */
export async function handleOpsMetrics(
  request: Request,
  deps: { token: string | undefined; now: () => number; metrics: () => Promise<OpsMetrics> },
): Promise<Response> {
  if (!deps.token) return answer.json({ error: 'Not found' }, 404);
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return answer.json({ error: 'Only GET is allowed.' }, 405);
  if (!isOpsRequest(deps.token, request, deps.now()))
    return answer.json({ error: 'Sign in at /ops/ or send Authorization: Bearer <OPS_TOKEN>.' }, 401);
  return answer.json(await deps.metrics());
}
