import { z } from 'zod';
import { readCappedBody } from '../http/read-capped-body.ts';
import { eraseSubject } from '../privacy/erase-subject.ts';
import { exportSubject, type SubjectDeps } from '../privacy/export-subject.ts';
import { PrivacyArgsSchema } from '../../schemas/privacy-cli.ts';
import type { OpsLog } from './ops-log.ts';
import { privacyErasedPage, privacyReviewPage, privacyStartPage } from './privacy-page.ts';
import { opsResponses as answer } from './ops-responses.ts';

/** What the privacy actions on /ops/privacy/ need: the stores, and the ops log. */
export type OpsPrivacyDeps = SubjectDeps & { log: OpsLog };

const FormSchema = z.object({
  action: z.enum(['privacy-review', 'privacy-export', 'privacy-erase']),
  email: PrivacyArgsSchema.shape.email,
  confirm: z.literal('yes').optional(),
});

const noStore = { 'cache-control': 'no-store' };

/**
 * `/ops/privacy/` for a signed-in operator (the caller checks the session): look an address up,
 * then export it (a JSON download) or erase it, each only with the confirmation box ticked. Every
 * request is logged with counts, never the address.
 */
export async function handleOpsPrivacy(request: Request, deps: OpsPrivacyDeps): Promise<Response> {
  if (request.method === 'GET' || request.method === 'HEAD')
    return answer.html(privacyStartPage(), 200, noStore);
  if (request.method !== 'POST')
    return new Response('Method not allowed', { status: 405, headers: { allow: 'GET, POST' } });
  const body = await readCappedBody(request.body, 4_096);
  const form = body.ok ? Object.fromEntries(new URLSearchParams(new TextDecoder().decode(body.bytes))) : {};
  const parsed = FormSchema.safeParse(form);
  if (!parsed.success) {
    const message = parsed.error.issues.map((issue) => issue.message).join('; ');
    return answer.html(privacyStartPage(message), 400, noStore);
  }
  const { action, email, confirm } = parsed.data;
  if (action !== 'privacy-review' && confirm !== 'yes')
    return answer.html(privacyStartPage('Nothing done: tick the confirmation box first.'), 400, noStore);
  if (action === 'privacy-erase') {
    const result = await eraseSubject(
      { ...deps, source: 'ops', log: (line) => deps.log({ ...line, event: 'ops.privacy-erase' }) },
      email,
    );
    return answer.html(privacyErasedPage(result), 200, noStore);
  }
  const found = await exportSubject(deps, email);
  const outbox = Array.isArray(found.outbox) ? found.outbox.length : 'not read';
  deps.log({ event: `ops.${action}`, leads: found.leads.length, outbox, erasures: found.erasures.length });
  if (action === 'privacy-review') return answer.html(privacyReviewPage(found), 200, noStore);
  return new Response(JSON.stringify(found, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': 'attachment; filename="data-subject-export.json"',
      'x-robots-tag': 'noindex, nofollow',
      ...noStore,
    },
  });
}
