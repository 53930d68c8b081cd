import { escapeHtml } from '../content/escape-html.ts';
import type { SubjectExport } from '../privacy/export-subject.ts';
import type { ErasureResult } from '../privacy/erase-subject.ts';

const shell = (body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow"><title>Floodgate ops: data-subject requests</title>
<link rel="stylesheet" href="/ops/ops.css"></head>
<body><main><h1>Data-subject requests</h1>${body}
<p><a href="/ops/">Back to the control room</a> · what is kept and for how long: docs/privacy.md</p></main></body></html>`;

const addressForm = (
  message?: string,
) => `${message ? `<p role="alert" class="bad">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/ops/privacy/"><input type="hidden" name="action" value="privacy-review">
<label for="email">E-mail address of the person asking</label><br>
<input id="email" name="email" type="email" required size="40" autocomplete="off">
<button type="submit">Look up</button></form>`;

/** Step one: the address to look up. */
export const privacyStartPage = (message?: string) => shell(addressForm(message));

const confirmForm = (action: string, email: string, what: string, label: string) => `
<form class="action" method="post" action="/ops/privacy/">
<input type="hidden" name="action" value="${action}"><input type="hidden" name="email" value="${escapeHtml(email)}">
<label><input type="checkbox" name="confirm" value="yes" required> ${escapeHtml(what)}</label>
<button type="submit">${escapeHtml(label)}</button></form>`;

/** Step two: what is held, and the two confirmed actions. */
export function privacyReviewPage(found: SubjectExport): string {
  const byState = new Map<string, number>();
  for (const lead of found.leads) byState.set(lead.state, (byState.get(lead.state) ?? 0) + 1);
  const rows = [...byState].map(
    ([state, n]) => `<tr><th scope="row">${escapeHtml(state)}</th><td>${n}</td></tr>`,
  );
  const outbox = Array.isArray(found.outbox) ? String(found.outbox.length) : found.outbox;
  return shell(`<p>Held about <strong>${escapeHtml(found.address)}</strong>:</p>
<table><caption>Leads by state</caption><tbody>${rows.join('') || '<tr><td colspan="2">none</td></tr>'}</tbody></table>
<p>Delivery attempts: ${found.deliveryAttempts.length} · outbox copies: ${escapeHtml(outbox)} · earlier erasures: ${found.erasures.length}</p>
<p>${escapeHtml(found.notes.join(' '))}</p>
${confirmForm('privacy-export', found.address, 'I have checked this request comes from the person', 'Download the export (JSON)')}
${confirmForm('privacy-erase', found.address, 'Erase everything held about this address; this cannot be undone', 'Erase')}`);
}

/** After an erasure: what went, by count. */
export function privacyErasedPage(result: ErasureResult): string {
  const leads = Object.entries(result.leads).map(([state, n]) => `${n} ${state}`);
  return shell(`<p role="status">Erased (${escapeHtml(result.erasureId)}, ${escapeHtml(result.erasedAt)}):
${escapeHtml(leads.join(', ') || 'no leads held')}, ${result.attempts} attempt(s), ${result.outbox} outbox copy(ies).
A tombstone (keyed hash, no address) stops earlier copies; the CRM is sent a signed lead.erased event.</p>
${addressForm()}`);
}
