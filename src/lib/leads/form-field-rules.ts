import { z } from 'zod';
import type { FormFieldRule } from '../../schemas/form-field.ts';
import { leadFieldCatalog } from '../../schemas/lead-fields.ts';
import { fillMessage, leadMessages } from '../../schemas/lead-messages.ts';
import { multiLineText, oneLineText, withMaxLength } from '../../schemas/text-rules.ts';

const phonePattern = /^\+?[0-9 ()./-]{6,32}$/;

// Urlencoded posts carry numbers as text; JSON may carry either.
const wholeNumber = (rule: FormFieldRule) => {
  let number = z.number({ error: leadMessages.number }).int(leadMessages.number);
  if (rule.min !== undefined)
    number = number.min(rule.min, fillMessage(leadMessages.tooSmall, { min: rule.min }));
  if (rule.max !== undefined)
    number = number.max(rule.max, fillMessage(leadMessages.tooLarge, { max: rule.max }));
  return z.preprocess(
    (value) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim()) ? Number(value) : value),
    number,
  );
};

const ticked = z
  .union([z.literal(true), z.literal('yes')], { error: leadMessages.tick })
  .transform(() => true);

/**
 * The zod rule for one filled-in custom field, built from its definition: the same limits the
 * page renders as `maxlength`, `min`, `max`, `pattern` and options. Blank and required are judged
 * by `customFieldValues`, which knows whether the field was filled in at all.
 */
export function customFieldSchema(rule: FormFieldRule): z.ZodType {
  const max = rule.maxLength ?? 200;
  switch (rule.type) {
    case 'email':
      return withMaxLength(z.email({ error: leadMessages.email }), max);
    case 'text':
      return oneLineText(max);
    case 'longText':
      return multiLineText(max);
    case 'phone':
      return oneLineText(max).refine((value) => phonePattern.test(value), leadMessages.phone);
    case 'number':
      return wholeNumber(rule);
    case 'select':
      return z.enum(rule.options as [string, ...string[]], { error: leadMessages.choose });
    case 'multiSelect':
      return z
        .preprocess(
          (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : [value]),
          z.array(z.enum(rule.options as [string, ...string[]], { error: leadMessages.choose })),
        )
        .transform((chosen) => [...new Set(chosen)]);
    case 'checkbox':
    case 'consent':
      return ticked;
    case 'hidden':
      return z.unknown().transform(() => rule.value);
  }
}

/** The catalogue's phone input hint, shared by custom phone fields. */
export const phoneInputPattern = leadFieldCatalog.phone.input.pattern;
