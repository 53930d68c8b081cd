import type { FormConfig, FormConfigMap, LeadIntakeEnv, LeadSubmission } from '../../schemas/lead.ts';
import type { LocaleCode } from '../../schemas/locales.ts';
import { localizeFieldMessage, problemMessages } from '../../schemas/lead-messages.ts';
import { pagePath } from '../i18n/paths.ts';
import { leadFingerprint } from '../queue/lead-fingerprint.ts';
import type { EnqueueResult, LeadQueue } from '../queue/lead-queue.ts';
import { hashClientIp } from './client-hash.ts';
import { isFormClosed } from './form-closed.ts';
import { leadFlowOf } from './lead-flow.ts';
import { wantsReceipt } from '../doi/wants-receipt.ts';
import { idempotencyKeyFor } from './idempotency-key.ts';
import { freeTexts } from './free-texts.ts';
import { leadPayload } from './lead-payload.ts';
import { jsonResponse, problemResponse, seeOther, type Problem } from './lead-responses.ts';
import { formPageSlug, htmlContext, localeOf } from './posted-context.ts';
import { isAllowedOrigin } from './origin-check.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { RecentBodies } from './recent-bodies.ts';
import { bodyKind, readBody } from './read-body.ts';
import { spamThreshold, checkSpam } from './spam-check.ts';
import { validateLead } from './validate-lead.ts';
import { formAnchors } from './form-anchors.ts';
import { logUnavailableCause, unavailableCause } from './unavailable-cause.ts';

/** Everything the lead endpoint depends on, passed in so tests need no mocks. */
export interface LeadRequestDeps {
  /** The durable queue; spam goes there too, held apart for review and never delivered. */
  queue: LeadQueue;
  /**
   * Called after a lead is stored (not for spam or repeats) with what the store said: e.g. start the
   * delivery worker when the enqueue reserved its lease.
   */
  afterAccept?: (stored: EnqueueResult) => void;
  /** Every open form's rules, or how to load them (the function reads the build's published file). */
  forms: FormConfigMap | (() => Promise<FormConfigMap>);
  env: LeadIntakeEnv;
  now: () => number;
  clientIp: string;
  rateLimiter: RateLimiter;
  /** What recent submissions on this instance said, for the repeated-body spam signal. */
  recentBodies: RecentBodies;
  userAgent?: string;
  /** The build's no-JS error page template for a locale (the site's header, footer, stylesheet). */
  errorTemplate?: (locale: LocaleCode) => Promise<string | undefined>;
  /** Where each distinct cause of a 503 is logged once (class and code only, no PII). */
  logUnavailable?: (cause: string) => void;
}

/** Seconds the page script waits before retrying a lead the store could not take. */
const storeRetryAfterSeconds = 10;

/** POST /api/leads: validate, filter spam, store durably, answer. Never throws, never leaks internals. */
export async function handleLeadRequest(request: Request, deps: LeadRequestDeps): Promise<Response> {
  const noScript = bodyKind(request.headers.get('content-type')) === 'form';
  let posted: Record<string, unknown> = {};
  let forms: FormConfigMap = {};
  // Answers speak the language of the page the form was on, once the post says which.
  const say = (key: keyof (typeof problemMessages)[LocaleCode]) => problemMessages[localeOf(posted)][key];
  const refuse = async (problem: Problem) => {
    const locale = localeOf(posted);
    const errors = problem.errors?.map((error) => ({
      ...error,
      message: localizeFieldMessage(error.message, locale),
    }));
    const localized = errors ? { ...problem, errors } : problem;
    if (!noScript) return problemResponse(localized, undefined);
    // Without the template the page is plainer, never missing: a failed fetch is not the visitor's problem.
    const template = await deps.errorTemplate?.(locale).catch(() => undefined);
    return problemResponse(localized, { ...htmlContext(posted, forms), template });
  };
  const unavailable = (stage: string, error: unknown) => {
    (deps.logUnavailable ?? logUnavailableCause)(unavailableCause(stage, error));
    // Accepted means durable: without the write there is no 202. The script retries with the same key.
    const headers = { 'Retry-After': String(storeRetryAfterSeconds) };
    return refuse({ status: 503, error: 'unavailable', message: say('unavailable'), headers });
  };

  if (request.method !== 'POST') {
    return refuse({
      status: 405,
      error: 'method_not_allowed',
      message: say('methodNotAllowed'),
      headers: { Allow: 'POST' },
    });
  }
  if (!isAllowedOrigin(request, deps.env)) {
    return refuse({ status: 403, error: 'forbidden_origin', message: say('forbiddenOrigin') });
  }
  const now = deps.now();
  const ipHash = hashClientIp(deps.clientIp, deps.env.ipHashSecret);
  const rate = deps.rateLimiter.check(ipHash, now);
  if (!rate.allowed) {
    const headers = { 'Retry-After': String(rate.retryAfterSeconds) };
    return refuse({
      status: 429,
      error: 'rate_limited',
      message: say('rateLimited'),
      headers,
    });
  }
  const body = await readBody(request);
  if (!body.ok) return refuse(body);
  posted = body.data;
  if (isFormClosed(deps.env.formsClosed, typeof posted.formId === 'string' ? posted.formId : '')) {
    return refuse({
      status: 503,
      error: 'form_closed',
      message: say('formClosed'),
    });
  }
  try {
    forms = typeof deps.forms === 'function' ? await deps.forms() : deps.forms;
  } catch (error) {
    return unavailable('form rules', error);
  }
  const checked = validateLead(posted, forms);
  if (!checked.ok) {
    return refuse({ status: 400, error: 'invalid_lead', message: say('invalid'), errors: checked.errors });
  }
  const { lead, form, fields } = checked;
  const spam = checkSpam({
    website: lead.website,
    fillMs: lead.fillMs,
    startedAt: lead.startedAt,
    scripted: !noScript,
    minFillMs: deps.env.minFillMs,
    now,
    // A no-JS post has no key: the same visitor resending is one submission, as for idempotency.
    repeats: deps.recentBodies.record([lead.formId, fields], lead.idempotencyKey ?? ipHash),
    texts: freeTexts(fields, form),
  });
  const userAgent = deps.userAgent ?? request.headers.get('user-agent') ?? undefined;
  const payload = leadPayload(lead, fields, { receivedAt: now, ipHash, userAgent });
  const idempotencyKey = idempotencyKeyFor(lead.idempotencyKey, { ...payload, ipHash });
  const fingerprint = leadFingerprint(lead.formId, payload.fields);
  // Why it was judged spam, kept with it so a reviewer can judge and release it.
  const spamMark =
    spam.verdict === 'spam'
      ? { score: spam.score, threshold: spamThreshold, signals: spam.signals }
      : undefined;
  let stored: EnqueueResult;
  try {
    const flow = leadFlowOf(lead.formId, form);
    stored = await deps.queue.enqueue(
      {
        idempotencyKey,
        fingerprint,
        receivedAt: now,
        payload,
        flow,
        needsConfirmation: form.needsConfirmation,
        // The receipt job is written in the enqueue's own statement; the worker sends it.
        ...(wantsReceipt(form, lead.locale, payload.fields) ? { wantsReceipt: true } : {}),
      },
      spamMark,
    );
  } catch (error) {
    return unavailable('queue', error);
  }
  if (stored.outcome === 'conflict') {
    // Like Stripe's idempotency keys: a key names one submission; other fields under it are refused,
    // never merged and never silently dropped while the visitor is told they were saved.
    return refuse({ status: 409, error: 'idempotency_conflict', message: say('keyConflict') });
  }
  if (stored.outcome === 'created' && !spamMark) deps.afterAccept?.(stored);
  if (noScript) return seeOther(successLocation(lead, form));
  // The page script goes where a no-JS post is sent, so both end on the same confirmation page.
  const next = successPageLocation(lead, form);
  return jsonResponse(202, next ? { id: stored.id, next } : { id: stored.id });
}

/** The form's own confirmation page in the lead's locale, if the form links one. */
function successPageLocation(lead: LeadSubmission, form: FormConfig): string | undefined {
  const successSlug = form.successSlugs?.[lead.locale] ?? form.successSlug;
  return successSlug ? pagePath(successSlug, lead.locale) : undefined;
}

/** Where a no-JS visitor lands: the form's success page, or the form itself showing its thank-you. */
function successLocation(lead: LeadSubmission, form: FormConfig): string {
  return (
    successPageLocation(lead, form) ??
    `${pagePath(formPageSlug(form, lead.pageSlug), lead.locale)}#${formAnchors(lead.formId).success}`
  );
}
