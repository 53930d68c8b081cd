import { escapeHtml } from '../../src/lib/content/escape-html.ts';
import { DEV_CRM_MODES, type DevCrmControl } from '../../src/schemas/delivery-dev-crm.ts';
import type { Arrival, ReceivedLead } from './state.ts';
import { flattenLead, leadColumns } from './lead-columns.ts';

const shown = 200;

/** One cell's text: everything a lead carries is visitor input, so it is escaped, always. */
const cell = (value: unknown) =>
  `<td>${escapeHtml(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''))}</td>`;

/** The dev CRM's page: what arrived (newest first), the last requests, and the misbehaviour switch. */
export function renderDevCrmPage(input: {
  leads: ReceivedLead[];
  arrivals: Arrival[];
  control: DevCrmControl;
}): string {
  const leads = [...input.leads].reverse().slice(0, shown);
  // Every field of every payload, so custom form fields and UTM data show without code changes here.
  const columns = leadColumns(leads.map((lead) => lead.lead));
  const header = ['id', 'arrived', 'attempt', ...columns.map((column) => column.header)];
  const rows = leads.map((lead) => {
    const values = new Map(flattenLead(lead.lead));
    const payload = columns.map((column) => values.get(column.path) ?? '');
    return `<tr>${[lead.id, new Date(lead.arrivedAt).toISOString(), lead.attempt, ...payload].map(cell).join('')}</tr>`;
  });
  const requests = [...input.arrivals]
    .reverse()
    .map(
      (arrival) =>
        `<tr>${[new Date(arrival.at).toISOString(), arrival.idempotencyKey, arrival.attempt, arrival.answer, arrival.outcome].map(cell).join('')}</tr>`,
    );
  const options = DEV_CRM_MODES.map(
    (mode) => `<option${mode === input.control.mode ? ' selected' : ''}>${escapeHtml(mode)}</option>`,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="3">
<title>Dev CRM · ${input.leads.length} leads</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1a1a1a}
table{border-collapse:collapse;margin:1rem 0;font-size:13px}
.scroll{overflow-x:auto}
td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2;white-space:nowrap}
td{min-width:6rem;max-width:24rem;overflow-wrap:break-word}
form{display:flex;gap:.5rem;align-items:end;flex-wrap:wrap}
label{display:flex;flex-direction:column;font-size:12px}
</style>
</head>
<body>
<h1>Dev CRM</h1>
<p>Leads the local delivery worker sent here, verified (HMAC signature) and deduplicated (Idempotency-Key).
${input.leads.length} received; showing the newest ${Math.min(shown, input.leads.length)}. This page refreshes every 3 s.</p>
<h2>Misbehave</h2>
<form method="post" action="/_control">
<label>mode <select name="mode">${options.join('')}</select></label>
<label>status <input name="status" size="4" value="${escapeHtml(String(input.control.status ?? ''))}"></label>
<label>Retry-After s <input name="retryAfterSeconds" size="4" value="${escapeHtml(String(input.control.retryAfterSeconds ?? ''))}"></label>
<label>delay ms <input name="delayMs" size="6" value="${escapeHtml(String(input.control.delayMs ?? ''))}"></label>
<label>only next n <input name="count" size="4" value="${escapeHtml(String(input.control.count ?? ''))}"></label>
<button>Apply</button>
</form>
<h2>Leads</h2>
<div class="scroll"><table><tr>${header.map((name) => `<th>${escapeHtml(name)}</th>`).join('')}</tr>
${rows.join('\n')}
</table></div>
<h2>Last requests</h2>
<div class="scroll"><table><tr><th>at</th><th>Idempotency-Key</th><th>attempt</th><th>answer</th><th>outcome</th></tr>
${requests.join('\n')}
</table></div>
</body>
</html>
`;
}
