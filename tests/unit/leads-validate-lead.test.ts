import { describe, expect, it } from 'vitest';
import { findForm, validateLead } from '../../src/lib/leads/validate-lead.ts';
import type { FormConfigMap } from '../../src/schemas/lead.ts';

const forms: FormConfigMap = {
  'spring-webinar': {
    fields: ['email', 'firstName', 'company'],
    requiredFields: ['email', 'firstName'],
    customFields: [],
    successSlug: 'thanks',
    pageSlugs: ['spring-webinar'],
  },
};

const posted = {
  email: 'ada@example.com',
  firstName: 'Ada',
  company: '',
  formId: 'spring-webinar',
  pageSlug: 'spring-webinar',
  locale: 'en-US',
  consent: 'yes',
  consentVersion: 'form-home-demo:en-US:0f819c71f9d24e87',
};

describe('validateLead', () => {
  it('accepts a lead that meets its form’s rules', () => {
    const result = validateLead(posted, forms);
    expect(result.ok && result.lead).toMatchObject({ email: 'ada@example.com', firstName: 'Ada' });
  });

  it('reports every problem at once, in the order the form shows its fields', () => {
    const result = validateLead({ ...posted, email: 'nope', firstName: ' ', consent: undefined }, forms);
    expect(result.ok ? [] : result.errors).toEqual([
      { field: 'email', message: 'enter an email address like name@example.com' },
      { field: 'firstName', message: 'fill in this field' },
      {
        field: 'consent',
        message: 'tick the box to agree to the consent text: we cannot contact you without it',
      },
    ]);
  });

  it('drops fields the form does not show instead of judging them', () => {
    const result = validateLead({ ...posted, phone: 'not a phone', message: 'hi' }, forms);
    expect(result.ok && result.lead.phone).toBeUndefined();
    expect(result.ok && result.lead.message).toBeUndefined();
  });

  it('refuses an unknown form, and never mistakes an Object.prototype name for one', () => {
    for (const formId of ['autumn', 'constructor', '__proto__', 'toString']) {
      const result = validateLead({ ...posted, formId }, forms);
      expect(result.ok).toBe(false);
      expect(findForm(forms, formId)).toBeUndefined();
    }
    expect(validateLead({ ...posted, formId: 'autumn' }, forms)).toMatchObject({
      errors: [{ field: 'formId', message: 'this form is not open for sign-ups' }],
    });
  });
});
