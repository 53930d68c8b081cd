import { randomUUID } from 'node:crypto';

/** Which form the benchmark posts to: the demo request (checkbox consent) or the newsletter (double opt-in). */
export type BenchForm = 'demo-request' | 'newsletter';

/**
 * The body of one unique, valid lead for the demo request form, as the page script posts it: the
 * one lead every benchmark sends. `fillMs` is a human's fill time, so the spam score lets it through.
 */
export function benchLeadBody(options: {
  email: string;
  firstName?: string;
  utmSource?: string;
  /** `newsletter`: the double opt-in form (stored unconfirmed with its mail job, in the same statement). */
  form?: BenchForm;
}): string {
  if (options.form === 'newsletter')
    return JSON.stringify({
      email: options.email,
      firstName: options.firstName ?? 'Bench',
      formId: 'newsletter',
      pageSlug: 'newsletter',
      locale: 'de-DE',
      consent: true,
      consentVersion: '2026-12',
      idempotencyKey: randomUUID(),
      fillMs: 9000,
    });
  return JSON.stringify({
    email: options.email,
    firstName: options.firstName ?? 'Bench',
    company: 'Load Test Ltd',
    formId: 'demo-request',
    pageSlug: 'home',
    locale: 'en-US',
    consent: true,
    consentVersion: 'form-home-demo:en-US:0f819c71f9d24e87',
    idempotencyKey: randomUUID(),
    fillMs: 9000,
    ...(options.utmSource ? { utm: { utm_source: options.utmSource } } : {}),
  });
}
