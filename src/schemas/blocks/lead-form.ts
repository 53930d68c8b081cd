import { z } from 'zod';
import { blockBase } from '../fields.ts';
import { defaultLeadLane, LeadLaneSchema } from '../delivery-lanes.ts';
import { definitionProblems } from '../form-definition.ts';
import { FormFieldSchema } from '../form-field.ts';
import { LeadFieldIdSchema } from '../lead-fields.ts';
import { PageRefSchema } from '../page-ref.ts';
import { confirmationMailShape, confirmationMailProblems } from '../confirmation-mail.ts';

/**
 * A campaign sign-up form. Which preset fields it shows and requires is content, and so are its
 * custom fields: each one's type, limits and options become the rules page and function share.
 */
export const LeadFormSchema = z
  .object({
    type: z.literal('leadForm'),
    ...blockBase,
    formId: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and hyphens, e.g. spring-webinar'),
    heading: z.string().trim().min(1, 'write a heading'),
    intro: z.string().optional(),
    fields: z.array(LeadFieldIdSchema).min(1, 'show at least one field'),
    requiredFields: z.array(LeadFieldIdSchema).default([]),
    /** Fields defined in Contentful (`formField` entries), shown after the presets. */
    customFields: z.array(FormFieldSchema).default([]),
    submitLabel: z
      .string()
      .trim()
      .min(1, 'write the button label')
      .max(40, 'keep the button label to 40 characters or fewer'),
    successMessage: z.string().trim().min(1, 'write what visitors see after they sign up'),
    successPage: PageRefSchema.optional(),
    /**
     * The words a visitor agrees to. Its version is derived from the words as shown (docs/consent.md);
     * a hand-written `consentVersion` from an older space is ignored (stripped like any unknown field).
     */
    consentText: z.string().trim().min(1, 'write the consent text visitors agree to'),
    /** The delivery lane its leads wait in: its share of the CRM's pace under load (docs/delivery.md). */
    priority: LeadLaneSchema.default(defaultLeadLane),
    /** Double opt-in: the lead waits until the visitor clicks the link in this mail (confirmation-mail.ts). */
    ...confirmationMailShape,
  })
  .refine((form) => form.fields.includes('email'), {
    message: 'every lead form must show the email field',
    path: ['fields'],
  })
  .refine((form) => form.requiredFields.every((field) => form.fields.includes(field)), {
    message: 'only fields the form shows can be required',
    path: ['requiredFields'],
  })
  .refine((form) => form.requiredFields.includes('email'), {
    message: 'email must be required: a lead without it cannot be followed up',
    path: ['requiredFields'],
  })
  .superRefine((form, context) => {
    for (const { path, message } of confirmationMailProblems(form))
      context.addIssue({ code: 'custom', message, path });
    // A bad field definition fails the build naming the form (this entry) and the field.
    for (const { index, message } of definitionProblems(form.customFields))
      context.addIssue({ code: 'custom', message, path: ['customFields', index] });
  });

export type LeadForm = z.infer<typeof LeadFormSchema>;
