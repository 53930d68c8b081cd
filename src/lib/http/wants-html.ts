/** The media types a client may ask for, with their quality (`Accept: text/html;q=0.9, …`). */
function qualities(accept: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const range of accept.toLowerCase().split(',')) {
    const [type = '', ...params] = range.split(';').map((part) => part.trim());
    const q = params.find((param) => param.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    if (type && Number.isFinite(quality)) found.set(type, Math.max(found.get(type) ?? 0, quality));
  }
  return found;
}

/**
 * Whether a request is answered with a page rather than JSON. A form post is a browser without
 * our script (the page script posts JSON), and it shows whatever comes back as a page, so its
 * answer is HTML whatever it accepts. Anything else follows `Accept`: HTML only when the client
 * prefers it to JSON (a browser opening a URL); no header, a wildcard or a tie is JSON, as before.
 */
export function wantsHtml(request: Request): boolean {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') return true;
  if (type === 'application/json') return false;
  const accepted = qualities(request.headers.get('accept') ?? '');
  const html = accepted.get('text/html') ?? 0;
  const json = accepted.get('application/json') ?? accepted.get('application/*') ?? 0;
  return html > 0 && html > json;
}
