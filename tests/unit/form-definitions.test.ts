import { describe, expect, it } from 'vitest';
import { customFieldValues } from '../../src/lib/leads/custom-field-values.ts';
import { definitionProblems, ruleOf } from '../../src/schemas/form-definition.ts';
import { customFieldSchema } from '../../src/lib/leads/form-field-rules.ts';
import { LeadFormSchema } from '../../src/schemas/blocks/lead-form.ts';
import type { FormField, FormFieldRule } from '../../src/schemas/form-field.ts';

/** A custom field as a marketer defines it in Contentful (one locale's view). */
const field = (fieldId: string, fieldType: string, extra: Partial<FormField> = {}): FormField => ({
  type: 'formField',
  id: `entry-${fieldId}`,
  fieldId,
  fieldType,
  label: `Label of ${fieldId}`,
  required: false,
  ...extra,
});
const rule = (fieldType: string, extra: Partial<FormField> = {}) => ruleOf(field('x', fieldType, extra));
const messages = (schemaRule: FormFieldRule, value: unknown) =>
  customFieldSchema(schemaRule)
    .safeParse(value)
    .error?.issues.map((issue) => issue.message) ?? [];
const parsed = (schemaRule: FormFieldRule, value: unknown) => customFieldSchema(schemaRule).parse(value);

describe('a definition becomes rules', () => {
  it('gives text-like types their default maximum length, and only them', () => {
    expect(rule('email').maxLength).toBe(254);
    expect(rule('text').maxLength).toBe(200);
    expect(rule('longText').maxLength).toBe(2000);
    expect(rule('phone').maxLength).toBe(32);
    expect(rule('text', { maxLength: 40 }).maxLength).toBe(40);
    for (const type of ['number', 'select', 'multiSelect', 'checkbox', 'consent', 'hidden'])
      expect(rule(type, { options: ['a'], value: 'v' })).not.toHaveProperty('maxLength');
  });

  it('keeps limits, options and values only where the type uses them', () => {
    expect(rule('number', { min: 1, max: 9 })).toMatchObject({ type: 'number', min: 1, max: 9 });
    expect(rule('select', { options: ['a', 'b'] }).options).toEqual(['a', 'b']);
    expect(rule('text', { options: ['a'] })).not.toHaveProperty('options');
    expect(rule('hidden', { value: 'webinar', required: true })).toMatchObject({
      value: 'webinar',
      required: false,
    });
  });
});

describe('every type validates a filled-in value', () => {
  it('email: an address, within its length', () => {
    expect(parsed(rule('email'), 'ada@example.com')).toBe('ada@example.com');
    expect(messages(rule('email'), 'ada@')).toEqual(['enter an email address like name@example.com']);
    expect(messages(rule('email', { maxLength: 20 }), 'ada.lovelace@example.com')).toContain(
      'use 20 characters or fewer',
    );
  });

  it('text: one line, counted in UTF-16 units like maxlength', () => {
    const short = rule('text', { maxLength: 4 });
    expect(parsed(short, ' ab😀 ')).toBe('ab😀');
    expect(messages(short, 'abc😀')).toEqual(['use 4 characters or fewer']);
    expect(messages(rule('text'), 'a\r\nb')).toEqual(['keep this to one line, without line breaks']);
  });

  it('long text: line breaks allowed, its own limit', () => {
    expect(parsed(rule('longText'), 'line one\nline two')).toBe('line one\nline two');
    expect(messages(rule('longText', { maxLength: 5 }), '123456')).toEqual(['use 5 characters or fewer']);
  });

  it('phone: the catalogue’s pattern', () => {
    expect(parsed(rule('phone'), '+49 30 1234567')).toBe('+49 30 1234567');
    expect(messages(rule('phone'), 'call me')).toEqual([
      'enter a phone number using digits, spaces and + ( ) - only',
    ]);
  });

  it('number: whole numbers within min and max, from JSON or a form post', () => {
    const seats = rule('number', { min: 1, max: 500 });
    expect(parsed(seats, '12')).toBe(12);
    expect(parsed(seats, 12)).toBe(12);
    expect(messages(seats, '0')).toEqual(['enter 1 or more']);
    expect(messages(seats, 501)).toEqual(['enter 500 or less']);
    expect(messages(seats, '1.5')).toEqual(['enter a whole number']);
    expect(messages(seats, 'many')).toEqual(['enter a whole number']);
    expect(parsed(rule('number'), '-3')).toBe(-3);
  });

  it('select: one of its options', () => {
    const role = rule('select', { options: ['marketing', 'sales'] });
    expect(parsed(role, 'sales')).toBe('sales');
    expect(messages(role, 'ceo')).toEqual(['choose one of the options']);
    expect(messages(role, ['sales'])).toEqual(['choose one of the options']);
  });

  it('multi-select: a list of its options (one choice may come alone), without repeats', () => {
    const topics = rule('multiSelect', { options: ['a', 'b', 'c'] });
    expect(parsed(topics, 'a')).toEqual(['a']);
    expect(parsed(topics, ['c', 'a', 'c'])).toEqual(['c', 'a']);
    expect(messages(topics, ['a', 'z'])).toEqual(['choose one of the options']);
  });

  it('checkbox and consent: ticked is "yes" (form post) or true (script)', () => {
    for (const type of ['checkbox', 'consent']) {
      expect(parsed(rule(type), 'yes')).toBe(true);
      expect(parsed(rule(type), true)).toBe(true);
      expect(messages(rule(type), 'no')).toEqual(['tick this box']);
    }
  });

  it('hidden: always the value set in Contentful, whatever was posted', () => {
    expect(parsed(rule('hidden', { value: 'partner-list' }), 'tampered')).toBe('partner-list');
  });
});

describe('customFieldValues', () => {
  const rules = [
    ruleOf(field('role', 'select', { options: ['marketing', 'sales'], required: true })),
    ruleOf(field('newsletter', 'checkbox')),
    ruleOf(field('notes', 'longText')),
    ruleOf(field('source', 'hidden', { value: 'webinar' })),
  ];

  it('returns values under their field ids; an unticked box is false; a blank optional is left out', () => {
    expect(customFieldValues({ role: 'sales', notes: '  ' }, rules)).toEqual({
      values: { role: 'sales', newsletter: false, source: 'webinar' },
      errors: [],
    });
  });

  it('says what is missing in each type’s words, and what is wrong', () => {
    expect(
      customFieldValues({}, [...rules, ruleOf(field('agree', 'consent', { required: true }))]).errors,
    ).toEqual([
      { field: 'role', message: 'choose one of the options' },
      { field: 'agree', message: 'tick this box' },
    ]);
    expect(customFieldValues({ role: 'ceo', notes: 'x\u0000' }, rules).errors).toEqual([
      { field: 'role', message: 'choose one of the options' },
      { field: 'notes', message: 'remove control characters' },
    ]);
  });

  it('reads only own properties of the post', () => {
    const post = JSON.parse('{"__proto__": {"role": "sales"}}') as Record<string, unknown>;
    expect(customFieldValues(post, rules).errors).toEqual([
      { field: 'role', message: 'choose one of the options' },
    ]);
  });
});

describe('bad definitions', () => {
  const problems = (...fields: FormField[]) => definitionProblems(fields).map((problem) => problem.message);

  it('accept a good definition of every type', () => {
    expect(
      problems(
        field('work_email', 'email'),
        field('nickname', 'text', { maxLength: 50 }),
        field('notes', 'longText'),
        field('mobile', 'phone'),
        field('seats', 'number', { min: 1, max: 500 }),
        field('role', 'select', { options: ['a', 'b'], optionLabels: ['A', 'B'] }),
        field('topics', 'multiSelect', { options: ['x'] }),
        field('newsletter', 'checkbox'),
        field('partnerConsent', 'consent', { required: true }),
        field('source', 'hidden', { value: 'webinar' }),
      ),
    ).toEqual([]);
  });

  it('name the field for an unknown type', () => {
    expect(problems(field('role', 'dropdown'))).toEqual([
      'field "role" (Label of role): type "dropdown" is not a field type: use one of email, text, longText, phone, number, select, multiSelect, checkbox, consent, hidden',
    ]);
  });

  it('refuse duplicate ids, preset ids and ids the form reserves', () => {
    expect(problems(field('role', 'text'), field('role', 'text'))).toEqual([
      'field "role" (Label of role): field id "role" is used twice in this form: give each field its own id',
    ]);
    expect(problems(field('company', 'text'))).toEqual([
      'field "company" (Label of company): "company" is a preset field: pick it in "Fields shown" instead of defining it',
    ]);
    expect(problems(field('fillMs', 'number'))).toEqual([
      'field "fillMs" (Label of fillMs): "fillMs" is reserved by the form: choose another field id',
    ]);
  });

  it('refuse a select or multi-select without options, repeated options and mismatched labels', () => {
    expect(problems(field('role', 'select'))).toEqual([
      'field "role" (Label of role): a select needs options: add at least one',
    ]);
    expect(problems(field('topics', 'multiSelect', { options: [] }))).toEqual([
      'field "topics" (Label of topics): a multiSelect needs options: add at least one',
    ]);
    expect(problems(field('role', 'select', { options: ['a', 'a'] }))).toEqual([
      'field "role" (Label of role): options must differ from each other',
    ]);
    expect(problems(field('role', 'select', { options: ['a', 'b'], optionLabels: ['A'] }))).toEqual([
      'field "role" (Label of role): give one option label per option (2), in the same order',
    ]);
  });

  it('refuse limits that do not fit the type', () => {
    expect(problems(field('role', 'select', { options: ['a'], maxLength: 10 }))).toEqual([
      'field "role" (Label of role): a select field has no maximum length: leave it empty',
    ]);
    expect(problems(field('nickname', 'text', { maxLength: 501 }))).toEqual([
      'field "nickname" (Label of nickname): maximum length must be between 1 and 500',
    ]);
    expect(problems(field('nickname', 'text', { min: 1 }))).toEqual([
      'field "nickname" (Label of nickname): only a number field has a smallest and largest value',
    ]);
    expect(problems(field('seats', 'number', { min: 10, max: 1 }))).toEqual([
      'field "seats" (Label of seats): the smallest value (10) is above the largest (1)',
    ]);
    expect(problems(field('source', 'hidden'))).toEqual([
      'field "source" (Label of source): a hidden field needs the value it sends',
    ]);
  });

  it('fail the lead form that uses them, at the field’s position', () => {
    const form = {
      type: 'leadForm',
      id: 'form-1',
      internalName: 'Webinar form',
      formId: 'webinar',
      heading: 'Save your seat',
      fields: ['email'],
      requiredFields: ['email'],
      customFields: [field('role', 'select', { options: ['a'] }), field('role', 'select')],
      submitLabel: 'Register',
      successMessage: 'Thanks',
      consentText: 'I agree',
    };
    expect(LeadFormSchema.safeParse(form).error?.issues.map(({ path, message }) => [path, message])).toEqual([
      [
        ['customFields', 1],
        'field "role" (Label of role): field id "role" is used twice in this form: give each field its own id',
      ],
      [['customFields', 1], 'field "role" (Label of role): a select needs options: add at least one'],
    ]);
  });
});
