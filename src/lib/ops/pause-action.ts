import { escapeHtml } from '../content/escape-html.ts';
import type { LeadPauses, Pause } from '../queue/lead-pauses.ts';
import { PauseArgsSchema } from '../../schemas/delivery-cli.ts';
import { leadLanes, type PauseTarget } from '../../schemas/delivery-lanes.ts';
import { hhmmUtc } from './clears-by.ts';
import type { OpsLog } from './ops-log.ts';
import { opsResponses as answer } from './ops-responses.ts';

export const PAUSE_ACTIONS = ['pause', 'resume'] as const;
export type PauseAction = (typeof PAUSE_ACTIONS)[number];
export const isPauseAction = (value: string | null): value is PauseAction =>
  PAUSE_ACTIONS.includes(value as PauseAction);

/** `kind` and `key` from a form or a query, checked as `leads:pause` checks its flags (one schema). */
function targetOf(params: URLSearchParams): PauseTarget | undefined {
  const kind = params.get('kind');
  if (kind !== 'lane' && kind !== 'campaign' && kind !== 'form') return undefined;
  const parsed = PauseArgsSchema.safeParse({ [kind]: (params.get('key') ?? '').trim() });
  return parsed.success ? parsed.data : undefined;
}

/**
 * POST action=pause|resume with kind (lane, campaign, form), key and the confirmation box: one
 * statement on `lead_pauses` (src/lib/queue/lead-pauses.ts), logged, then post/redirect/get. The
 * caller has already checked the session (a SameSite=Strict cookie or the bearer token), which is
 * what keeps a cross-site form from reaching here signed in.
 */
export async function handlePauseAction(
  action: PauseAction,
  form: URLSearchParams,
  deps: { pauses: LeadPauses; log: OpsLog },
): Promise<Response> {
  const target = targetOf(form);
  if (!target) return answer.seeOther(`/ops/?invalid=${action}`);
  if (form.get('confirm') !== 'yes') return answer.seeOther(`/ops/?unconfirmed=${action}`);
  const query = `kind=${target.kind}&key=${encodeURIComponent(target.key)}`;
  if (action === 'pause') {
    const { already } = await deps.pauses.pause(target);
    deps.log({ event: 'ops.action', action, kind: target.kind, key: target.key, already });
    return answer.seeOther(`/ops/?did=pause&${query}${already ? '&already=1' : ''}`);
  }
  const resumed = await deps.pauses.resume(target);
  deps.log({ event: 'ops.action', action, kind: target.kind, key: target.key, resumed });
  return answer.seeOther(`/ops/?did=resume&${query}${resumed ? '' : '&already=1'}`);
}

/** The line after a pause or resume, from the redirect's query (the target re-checked before it is echoed). */
export function pauseNotice(url: URL): string | undefined {
  const { searchParams: query } = url;
  const did = query.get('did');
  if (isPauseAction(query.get('invalid')))
    return 'Nothing done: choose lane, campaign or form and give its key (a lane is urgent, normal or bulk; other keys are lower-case slugs).';
  if (isPauseAction(query.get('unconfirmed'))) return 'Nothing done: tick the confirmation box first.';
  if (!isPauseAction(did)) return undefined;
  const target = targetOf(query);
  if (!target) return undefined;
  const what = `${target.kind} ${target.key}`;
  const already = query.get('already') === '1';
  if (did === 'pause')
    return already
      ? `Done: ${what} was already paused.`
      : `Done: ${what} paused. Its leads are still accepted and stored, not delivered, until resumed.`;
  return already ? `Done: ${what} was not paused.` : `Done: ${what} resumed.`;
}

const confirmBox = (what: string) =>
  `<label><input type="checkbox" name="confirm" value="yes" required> ${escapeHtml(what)}</label>`;

/** Pauses in force, each with its resume form, and the form to pause a lane, campaign or form. */
export function pausesPanel(pauses: readonly Pause[]): string {
  const items = pauses.map(
    (pause) => `<li><form class="action" method="post" action="/ops/">
<input type="hidden" name="action" value="resume"><input type="hidden" name="kind" value="${pause.kind}"><input type="hidden" name="key" value="${escapeHtml(pause.key)}">
<strong>${pause.kind} ${escapeHtml(pause.key)}</strong> paused since ${hhmmUtc(pause.pausedAt)} UTC
${confirmBox(`Deliver ${pause.kind} ${pause.key} again`)}
<button type="submit">Resume</button></form></li>`,
  );
  const list = items.length
    ? `<ul id="pauses">${items.join('')}</ul>`
    : '<p id="pauses">Nothing is paused.</p>';
  return `<section class="panel" id="panel-pauses" aria-labelledby="panel-pauses-title"><h2 id="panel-pauses-title">Pause and resume delivery</h2>${list}
<form class="action" method="post" action="/ops/"><input type="hidden" name="action" value="pause">
<label for="pause-kind">Pause</label> <select id="pause-kind" name="kind"><option value="form">form</option><option value="campaign">campaign</option><option value="lane">lane</option></select>
<label for="pause-key">key</label> <input id="pause-key" name="key" required maxlength="100" size="24" placeholder="form id, campaign key or ${leadLanes.join('/')}">
${confirmBox('Stop delivering it (its leads are still accepted and stored)')}
<button type="submit">Pause delivery</button></form></section>`;
}
