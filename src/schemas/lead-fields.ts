import { z } from 'zod';
import { leadMessages, tooLongMessage } from './lead-messages.ts';

/**
 * Every field a lead form can show, with the rule that validates it and the HTML that helps a
 * visitor fill it in. The form block renders from this catalogue and the lead endpoint validates
 * with it, so the browser and the server can never disagree about a limit.
 */
export const companySizes = ['1-10', '11-50', '51-200', '201-1000', '1000+'] as const;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, tooLongMessage(max))
    // Control characters have no business in a name or a company; they break CSV exports downstream.
    .refine(
      // eslint-disable-next-line no-control-regex -- finding control characters is this rule's purpose
      (value) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value),
      leadMessages.controlCharacters,
    );

export const leadFieldCatalog = {
  email: {
    schema: z.email({ error: leadMessages.email }).max(254, tooLongMessage(254)),
    input: { type: 'email', autocomplete: 'email', inputmode: 'email', maxlength: 254 },
  },
  firstName: { schema: text(100), input: { type: 'text', autocomplete: 'given-name', maxlength: 100 } },
  lastName: { schema: text(100), input: { type: 'text', autocomplete: 'family-name', maxlength: 100 } },
  company: { schema: text(150), input: { type: 'text', autocomplete: 'organization', maxlength: 150 } },
  jobTitle: {
    schema: text(100),
    input: { type: 'text', autocomplete: 'organization-title', maxlength: 100 },
  },
  phone: {
    schema: text(32).refine(
      (value) => value === '' || /^\+?[0-9 ()./-]{6,32}$/.test(value),
      leadMessages.phone,
    ),
    input: {
      type: 'tel',
      autocomplete: 'tel',
      inputmode: 'tel',
      maxlength: 32,
      // The same rule for the browser; HTML patterns use the regex `v` flag, hence the escapes.
      pattern: String.raw`\+?[0-9 \(\)\.\/\-]{6,32}`,
    },
  },
  country: { schema: text(80), input: { type: 'text', autocomplete: 'country-name', maxlength: 80 } },
  companySize: {
    schema: z.enum(companySizes, { error: leadMessages.companySize }),
    input: { type: 'select', autocomplete: 'off', options: companySizes },
  },
  message: { schema: text(2000), input: { type: 'textarea', autocomplete: 'off', maxlength: 2000 } },
} as const;

export type LeadFieldId = keyof typeof leadFieldCatalog;

export const leadFieldIds = Object.keys(leadFieldCatalog) as [LeadFieldId, ...LeadFieldId[]];

export const LeadFieldIdSchema = z.enum(leadFieldIds, {
  error: `must be one of: ${leadFieldIds.join(', ')}`,
});
