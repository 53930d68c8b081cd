import { z } from 'zod';
import { leadMessages } from './lead-messages.ts';
import { multiLineText, oneLineText, withMaxLength } from './text-rules.ts';

/**
 * Every field a lead form can show, with the rule that validates it and the HTML that helps a
 * visitor fill it in. The form block renders from this catalogue and the lead endpoint validates
 * with it, and each limit is one number used for both (counted as `maxlength` counts), so the
 * browser and the server can never disagree about a limit.
 */
export const companySizes = ['1-10', '11-50', '51-200', '201-1000', '1000+'] as const;

/** A one-line text field of at most `max` characters, with its `autocomplete` hint. */
const oneLine = <A extends string>(max: number, autocomplete: A) => ({
  schema: oneLineText(max),
  input: { type: 'text', autocomplete, maxlength: max } as const,
});

const emailMax = 254;
const phoneMax = 32;
const messageMax = 2000;

export const leadFieldCatalog = {
  email: {
    schema: withMaxLength(z.email({ error: leadMessages.email }), emailMax),
    input: { type: 'email', autocomplete: 'email', inputmode: 'email', maxlength: emailMax },
  },
  firstName: oneLine(100, 'given-name'),
  lastName: oneLine(100, 'family-name'),
  company: oneLine(150, 'organization'),
  jobTitle: oneLine(100, 'organization-title'),
  phone: {
    schema: oneLineText(phoneMax).refine(
      (value) => value === '' || /^\+?[0-9 ()./-]{6,32}$/.test(value),
      leadMessages.phone,
    ),
    input: {
      type: 'tel',
      autocomplete: 'tel',
      inputmode: 'tel',
      maxlength: phoneMax,
      // The same rule for the browser; HTML patterns use the regex `v` flag, hence the escapes.
      pattern: String.raw`\+?[0-9 \(\)\.\/\-]{6,32}`,
    },
  },
  country: oneLine(80, 'country-name'),
  companySize: {
    schema: z.enum(companySizes, { error: leadMessages.companySize }),
    input: { type: 'select', autocomplete: 'off', options: companySizes },
  },
  message: {
    schema: multiLineText(messageMax),
    input: { type: 'textarea', autocomplete: 'off', maxlength: messageMax },
  },
} as const;

export type LeadFieldId = keyof typeof leadFieldCatalog;

export const leadFieldIds = Object.keys(leadFieldCatalog) as [LeadFieldId, ...LeadFieldId[]];

export const LeadFieldIdSchema = z.enum(leadFieldIds, {
  error: `must be one of: ${leadFieldIds.join(', ')}`,
});
