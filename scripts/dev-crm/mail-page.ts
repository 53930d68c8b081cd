import { escapeHtml } from '../../src/lib/content/escape-html.ts';
import type { CaughtMail } from './mail-catcher.ts';

/** A mail's text with its links clickable (everything else escaped: a mail quotes visitor input). */
const withLinks = (text: string) =>
  escapeHtml(text).replace(/https?:\/\/[^\s<>"]+/g, (link) => `<a href="${link}">${link}</a>`);

/** The dev CRM's mail page: what the local SMTP catcher received, newest first. */
export function renderMailPage(mails: readonly CaughtMail[]): string {
  const items = [...mails].reverse().map(
    (mail) => `<article>
<h2>${escapeHtml(mail.subject)}</h2>
<p class="meta">#${mail.number} · ${new Date(mail.receivedAt).toISOString()} · to ${escapeHtml(mail.to.join(', '))} · from ${escapeHtml(mail.from)}${mail.leadId ? ` · lead ${escapeHtml(mail.leadId)}` : ''}</p>
<pre>${withLinks(mail.text)}</pre>
</article>`,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="5">
<title>Mail · dev CRM</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem}pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem}.meta{color:#555}</style>
</head>
<body>
<h1>Mail caught by the local SMTP server</h1>
<p><a href="/">Leads</a> · ${mails.length} mails · nothing here leaves this machine</p>
${items.join('\n') || '<p>No mail yet. Sign up with a form that needs confirmation (the newsletter).</p>'}
</body>
</html>`;
}
