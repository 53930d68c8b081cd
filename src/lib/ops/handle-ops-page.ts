import { readCappedBody } from '../http/read-capped-body.ts';
import type { RateLimiter } from '../leads/rate-limit.ts';
import type { LeadPauses } from '../queue/lead-pauses.ts';
import type { AlertStateRow } from './alert-state.ts';
import type { OpsPanels } from './launch-panels.ts';
import { handlePauseAction, isPauseAction, pauseNotice } from './pause-action.ts';
import { dashboardPage, signInPage } from './ops-page.ts';
import { opsResponses as answer } from './ops-responses.ts';
import { clearedSessionCookie, isOpsRequest, isOpsToken, sessionCookie } from './ops-session.ts';
import type { OpsLog } from './ops-log.ts';
import type { OpsMetrics } from './read-metrics.ts';
import { handleOpsPrivacy, type OpsPrivacyDeps } from './privacy-actions.ts';
import { handleOpsReport, isOpsReportPath, type OpsReportDeps } from './handle-ops-report.ts';

/** What `/ops/` needs, passed in: the token, the clock, the figures, the queue actions, the limiter. */
export interface OpsPageDeps {
  /** OPS_TOKEN; undefined turns the page off (404). */
  token: string | undefined;
  sessionHours: number;
  now: () => number;
  metrics: () => Promise<OpsMetrics>;
  alerts: () => Promise<AlertStateRow[]>;
  /** Each answers how many leads it moved (src/lib/queue operations). */
  actions: Record<OpsAction, () => Promise<number>>;
  /** Sign-in attempts per client IP. */
  signIns: RateLimiter;
  log: OpsLog;
  /** More panels (src/lib/ops/launch-panels.ts and others'), each a rendered section. */
  panels?: () => Promise<OpsPanels>;
  /** Pause and resume delivery of a lane, campaign or form. */
  pauses?: LeadPauses;
  /** Data-subject requests at /ops/privacy/ (src/lib/ops/privacy-actions.ts); unset: not offered. */
  privacy?: OpsPrivacyDeps;
  /** The post-campaign report at /ops/report/ (src/lib/ops/handle-ops-report.ts); unset: not offered. */
  report?: OpsReportDeps;
}

export const OPS_ACTIONS = ['redrive-dead', 'release-spam'] as const;
export type OpsAction = (typeof OPS_ACTIONS)[number];
const isAction = (value: string | null): value is OpsAction => OPS_ACTIONS.includes(value as OpsAction);
const done: Record<OpsAction, string> = {
  'redrive-dead': 'dead letter(s) redriven',
  'release-spam': 'lead(s) released from spam',
};

/** GET shows the room (or the sign-in form, 401); POST signs in or out, or runs a confirmed action. */
export async function handleOpsPage(request: Request, ip: string, deps: OpsPageDeps): Promise<Response> {
  const { token } = deps;
  if (!token) return answer.off();
  const url = new URL(request.url);
  if (url.pathname.endsWith('/ops.js')) return answer.script();
  if (url.pathname.endsWith('/ops.css')) return answer.styles();
  if (url.pathname.startsWith('/ops/privacy') && deps.privacy)
    return isOpsRequest(token, request, deps.now())
      ? handleOpsPrivacy(request, deps.privacy)
      : answer.html(signInPage(), 401);
  if (isOpsReportPath(url.pathname) && deps.report) return handleOpsReport(request, deps.report);
  if (request.method === 'POST') return handlePost(request, ip, token, deps);
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return new Response('Method not allowed', { status: 405, headers: { allow: 'GET, HEAD, POST' } });
  if (!isOpsRequest(token, request, deps.now())) return answer.html(signInPage(), 401);
  // One after the other: the page needs one pooled connection, not two.
  const metrics = await deps.metrics();
  const alerts = await deps.alerts();
  const panels = await deps.panels?.();
  return answer.html(dashboardPage(metrics, alerts, notice(url) ?? pauseNotice(url), panels));
}

async function handlePost(request: Request, ip: string, token: string, deps: OpsPageDeps): Promise<Response> {
  const body = await readCappedBody(request.body, 4_096);
  if (!body.ok) return answer.html(signInPage('The form could not be read.'), 400);
  const form = new URLSearchParams(new TextDecoder().decode(body.bytes));
  const action = form.get('action');
  if (action === 'sign-in') {
    const decision = deps.signIns.check(ip, deps.now());
    if (!decision.allowed) {
      const retry = String(decision.retryAfterSeconds);
      return answer.html(signInPage(`Too many attempts: try again in ${retry} s.`), 429, {
        'retry-after': retry,
      });
    }
    if (!isOpsToken(token, form.get('token'))) {
      deps.log({ event: 'ops.sign-in-refused' });
      return answer.html(signInPage('That is not the operator token.'), 401);
    }
    deps.log({ event: 'ops.signed-in' });
    return answer.seeOther('/ops/', { 'set-cookie': sessionCookie(token, deps.now(), deps.sessionHours) });
  }
  if (action === 'sign-out') return answer.seeOther('/ops/', { 'set-cookie': clearedSessionCookie });
  if (!isOpsRequest(token, request, deps.now())) return answer.html(signInPage(), 401);
  if (isPauseAction(action) && deps.pauses)
    return handlePauseAction(action, form, { pauses: deps.pauses, log: deps.log });
  if (!isAction(action)) return answer.html(signInPage('Unknown action.'), 400);
  if (form.get('confirm') !== 'yes') return answer.seeOther(`/ops/?unconfirmed=${action}`);
  const moved = await deps.actions[action]();
  deps.log({ event: 'ops.action', action, moved });
  return answer.seeOther(`/ops/?did=${action}&n=${moved}`);
}

/** The line after an action, from the redirect's query (only known actions and digits are echoed). */
function notice(url: URL): string | undefined {
  const did = url.searchParams.get('did');
  const count = url.searchParams.get('n') ?? '';
  if (isAction(did) && /^\d{1,9}$/.test(count)) return `Done: ${count} ${done[did]}.`;
  if (isAction(url.searchParams.get('unconfirmed'))) return 'Nothing done: tick the confirmation box first.';
  return undefined;
}
