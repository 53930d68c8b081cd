import { z } from 'zod';
import { localeCodes } from './locales.ts';

/** The kinds of field a marketer can add to a form in Contentful. */
export const formFieldTypes = [
  'email',
  'text',
  'longText',
  'phone',
  'number',
  'select',
  'multiSelect',
  'checkbox',
  'consent',
  'hidden',
] as const;

export type FormFieldType = (typeof formFieldTypes)[number];

/** The CRM property name a field's value is sent under. */
export const FieldIdSchema = z
  .string()
  .regex(
    /^[a-zA-Z][a-zA-Z0-9_]{0,49}$/,
    'use letters, digits and underscores, starting with a letter (the CRM property name, e.g. role)',
  );

/**
 * A form field defined in Contentful (content type `formField`), as one locale sees it. Only the
 * shape is checked here; whether the definition makes sense (a known type, options for a select,
 * limits that fit) is checked on the form that uses it, so the message names the form and field.
 */
export const FormFieldSchema = z.object({
  type: z.literal('formField'),
  id: z.string(),
  /** Sent to the CRM under this name; unique within its form. */
  fieldId: FieldIdSchema,
  /** One of `formFieldTypes`. */
  fieldType: z.string(),
  label: z.string().trim().min(1, 'write the label visitors see next to the field'),
  /** A hint under the label. */
  help: z.string().trim().optional(),
  required: z.boolean().default(false),
  /** Most characters allowed (text, long text, email, phone). */
  maxLength: z.number().int('use a whole number').optional(),
  /** Smallest and largest number allowed (number). */
  min: z.number().int('use a whole number').optional(),
  max: z.number().int('use a whole number').optional(),
  /** What the CRM receives for each choice (select, multi-select); not translated. */
  options: z.array(z.string().trim().min(1, 'an option cannot be empty')).optional(),
  /** What visitors see for each option in this locale, in the same order; the options themselves if unset. */
  optionLabels: z.array(z.string().trim().min(1, 'an option label cannot be empty')).optional(),
  /** The value a hidden field always sends. */
  value: z.string().trim().optional(),
});

export type FormField = z.infer<typeof FormFieldSchema>;

const perLocale = z.partialRecord(z.enum(localeCodes), z.string());

/**
 * One custom field's rules as the build bundles them for the lead function and the page renders
 * them: everything the browser and the endpoint check, and the label per locale for messages.
 */
export const FormFieldRuleSchema = z.object({
  id: FieldIdSchema,
  type: z.enum(formFieldTypes),
  required: z.boolean(),
  maxLength: z.number().int().positive().optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  options: z.array(z.string()).min(1).optional(),
  value: z.string().optional(),
  labels: perLocale,
});

export type FormFieldRule = z.infer<typeof FormFieldRuleSchema>;
