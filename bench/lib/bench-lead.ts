import { randomUUID } from 'node:crypto';

/**
 * The body of one unique, valid lead for the demo request form, as the page script posts it: the
 * one lead every benchmark sends. `fillMs` is a human's fill time, so the spam score lets it through.
 */
export function benchLeadBody(options: { email: string; firstName?: string; utmSource?: string }): string {
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
