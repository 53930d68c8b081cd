import { utmKeys } from '../../schemas/lead.ts';
import { readCappedBody } from '../http/read-capped-body.ts';

/** A lead form post is a few hundred bytes; 16 KB leaves room for a long message and nothing more. */
export const maxBodyBytes = 16 * 1024;

// One decoder for every request: without `stream`, each decode starts afresh (and `fatal` throws).
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as a plain record, or why it was refused (with the HTTP status to answer). */
export type BodyResult =
  | { ok: true; kind: 'json' | 'form'; data: Record<string, unknown> }
  | { ok: false; status: 400 | 413 | 415; error: string; message: string };

const refuse = (status: 400 | 413 | 415, error: string, message: string): BodyResult => ({
  ok: false,
  status,
  error,
  message,
});

/** Which of the two accepted media types a `Content-Type` header names, if either (UTF-8 only). */
export function bodyKind(contentType: string | null): 'json' | 'form' | undefined {
  const [type = '', ...params] = (contentType ?? '').toLowerCase().split(';');
  const charset = params.map((param) => param.trim()).find((param) => param.startsWith('charset='));
  if (charset && !/^charset="?utf-8"?$/.test(charset)) return undefined;
  if (type.trim() === 'application/json') return 'json';
  if (type.trim() === 'application/x-www-form-urlencoded') return 'form';
  return undefined;
}

/** Read a request body, stopping as soon as it passes `limit` bytes instead of buffering it all. */
export async function readBody(request: Request, limit = maxBodyBytes): Promise<BodyResult> {
  const kind = bodyKind(request.headers.get('content-type'));
  if (!kind) return refuse(415, 'unsupported_media_type', 'Send application/json or a form post (UTF-8).');
  const tooLarge = refuse(413, 'payload_too_large', `The form data must be ${limit} bytes or smaller.`);
  if (Number(request.headers.get('content-length') ?? 0) > limit) return tooLarge;
  const read = await readCappedBody(request.body, limit);
  if (!read.ok && read.reason === 'too-large') return tooLarge;
  let text: string;
  try {
    if (!read.ok) throw new Error('unreadable');
    text = utf8.decode(read.bytes);
  } catch {
    // A body the client abandoned mid-stream lands here too; either way there is nothing to read.
    return refuse(400, 'unreadable_body', 'The form data could not be read as UTF-8 text.');
  }
  if (kind === 'form') return { ok: true, kind, data: fromUrlEncoded(text) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return refuse(400, 'invalid_json', 'The body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return refuse(400, 'invalid_json', 'The body must be a JSON object of form fields.');
  }
  return { ok: true, kind, data: parsed as Record<string, unknown> };
}

/**
 * Form fields as a record: a repeated name becomes a list (a multi-select posts its name once per
 * choice; a field that takes one value refuses a list), flat `utm_*` names nest under `utm`.
 */
function fromUrlEncoded(text: string): Record<string, unknown> {
  const fields = new Map<string, string | string[]>();
  for (const [name, value] of new URLSearchParams(text)) {
    const earlier = fields.get(name);
    fields.set(name, earlier === undefined ? value : [earlier, value].flat());
  }
  const utm = utmKeys.filter((key) => fields.has(key)).map((key) => [key, fields.get(key)] as const);
  // fromEntries defines own properties, so a "__proto__" name cannot reach a prototype.
  const data: Record<string, unknown> = Object.fromEntries(fields);
  if (utm.length > 0) data.utm = Object.fromEntries(utm);
  return data;
}
