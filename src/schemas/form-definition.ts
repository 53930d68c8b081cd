import { formFieldTypes, type FormField, type FormFieldRule, type FormFieldType } from './form-field.ts';
import { leadFieldIds } from './lead-fields.ts';

/** Default and largest `maxLength` per type that takes one; one number feeds zod and `maxlength`. */
export const lengthLimits: Partial<Record<FormFieldType, { default: number; most: number }>> = {
  email: { default: 254, most: 254 },
  text: { default: 200, most: 500 },
  longText: { default: 2000, most: 5000 },
  phone: { default: 32, most: 32 },
};

// Names a post already uses for something else: a custom field cannot take them.
const reservedIds = new Set<string>([
  ...leadFieldIds,
  'formId',
  'pageSlug',
  'locale',
  'consent',
  'consentVersion',
  'idempotencyKey',
  'utm',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'referrer',
  'startedAt',
  'fillMs',
  'website',
]);

const isFieldType = (type: string): type is FormFieldType => formFieldTypes.some((known) => known === type);
const hasOptions = (type: string) => type === 'select' || type === 'multiSelect';

/** What is wrong with one custom field, in a marketer's words (empty when it is fine). */
function problemsOf(field: FormField, earlier: readonly FormField[]): string[] {
  const problems: string[] = [];
  const { fieldId, fieldType } = field;
  if (!isFieldType(fieldType))
    problems.push(`type "${fieldType}" is not a field type: use one of ${formFieldTypes.join(', ')}`);
  if (leadFieldIds.some((preset) => preset === fieldId))
    problems.push(`"${fieldId}" is a preset field: pick it in "Fields shown" instead of defining it`);
  else if (reservedIds.has(fieldId))
    problems.push(`"${fieldId}" is reserved by the form: choose another field id`);
  if (earlier.some((other) => other.fieldId === fieldId))
    problems.push(`field id "${fieldId}" is used twice in this form: give each field its own id`);
  const options = field.options ?? [];
  if (hasOptions(fieldType) && options.length === 0)
    problems.push(`a ${fieldType} needs options: add at least one`);
  if (new Set(options).size !== options.length) problems.push('options must differ from each other');
  if (field.optionLabels && field.optionLabels.length !== options.length)
    problems.push(`give one option label per option (${options.length}), in the same order`);
  const limits = lengthLimits[fieldType as FormFieldType];
  if (field.maxLength !== undefined && !limits)
    problems.push(`a ${fieldType} field has no maximum length: leave it empty`);
  if (limits && field.maxLength !== undefined && (field.maxLength < 1 || field.maxLength > limits.most))
    problems.push(`maximum length must be between 1 and ${limits.most}`);
  if ((field.min !== undefined || field.max !== undefined) && fieldType !== 'number')
    problems.push('only a number field has a smallest and largest value');
  if (field.min !== undefined && field.max !== undefined && field.min > field.max)
    problems.push(`the smallest value (${field.min}) is above the largest (${field.max})`);
  if (fieldType === 'hidden' && !field.value) problems.push('a hidden field needs the value it sends');
  return problems;
}

/** Every problem in a form's custom fields, each with the field's position and name. */
export function definitionProblems(fields: readonly FormField[]): { index: number; message: string }[] {
  return fields.flatMap((field, index) =>
    problemsOf(field, fields.slice(0, index)).map((problem) => ({
      index,
      message: `field "${field.fieldId}" (${field.label}): ${problem}`,
    })),
  );
}

/** The rules of a valid custom field, as the function enforces them and the page renders them. */
export function ruleOf(field: FormField, labels: FormFieldRule['labels'] = {}): FormFieldRule {
  const type = field.fieldType as FormFieldType;
  const limits = lengthLimits[type];
  return {
    id: field.fieldId,
    type,
    required: type === 'hidden' ? false : field.required,
    ...(limits ? { maxLength: field.maxLength ?? limits.default } : {}),
    ...(type === 'number' && field.min !== undefined ? { min: field.min } : {}),
    ...(type === 'number' && field.max !== undefined ? { max: field.max } : {}),
    ...(hasOptions(type) ? { options: field.options } : {}),
    ...(type === 'hidden' ? { value: field.value } : {}),
    labels,
  };
}
