import { z } from 'zod';
import { leadMessages, tooLongMessage } from './lead-messages.ts';

/**
 * A length as the browser's `maxlength` counts it: UTF-16 code units, so an emoji counts 2.
 * zod's `.max()` counts code points, which let through what the browser had refused; every limit
 * here goes through this one rule, and the same number becomes the input's `maxlength`.
 * https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#attr-fe-maxlength
 */
export const fitsMaxLength = (value: string, max: number) => value.length <= max;

/**
 * Why a string cannot be stored or sent on as text, if it cannot: a lone surrogate half is not
 * Unicode at all (PostgreSQL's jsonb refuses its escape, UTF-8 cannot encode it) and NUL ends a
 * C string (PostgreSQL's text refuses it). A post with either is the client's mistake: a 400 naming
 * the field, never a database error answered as an outage (503) that the page script would retry.
 */
export function textProblem(value: string): string | undefined {
  if (!value.isWellFormed()) return leadMessages.malformedText;
  if (value.includes('\u0000')) return leadMessages.controlCharacters;
  return undefined;
}

/** Well-formed Unicode without NUL: every string a visitor sends passes this before anything else. */
export const storableText = <S extends z.ZodType<string>>(schema: S): S =>
  schema.superRefine((value, ctx) => {
    const problem = textProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  });

/**
 * A string schema refused above `max` UTF-16 code units, with the catalogue's message. Every
 * bounded visitor string goes through here, so it is also where text is checked to be storable.
 */
export const withMaxLength = <S extends z.ZodType<string>>(schema: S, max: number): S =>
  storableText(schema).refine((value) => fitsMaxLength(value, max), tooLongMessage(max));

// Line breaks: CR, LF, NEL and Unicode's line and paragraph separators. A one-line field with one
// in it is a header or CSV injection attempt, never something a person typed into an <input>.
const lineBreak = /[\r\n\u0085\u2028\u2029]/;
// C0 and C1 control characters and DEL (line breaks have their own message); tab, CR and LF are
// allowed only in multi-line fields.
// eslint-disable-next-line no-control-regex -- finding control characters is this rule's purpose
const controlInOneLine = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F]/;
// eslint-disable-next-line no-control-regex -- finding control characters is this rule's purpose
const controlInMultiLine = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F]/;

/** A one-line text field (name, company, ...): trimmed, at most `max` units, no breaks or controls. */
export const oneLineText = (max: number) =>
  withMaxLength(z.string().trim(), max)
    .refine((value) => !lineBreak.test(value), leadMessages.lineBreaks)
    .refine((value) => !controlInOneLine.test(value), leadMessages.controlCharacters);

/** A multi-line text field (a message): line breaks and tabs allowed, other controls not. */
export const multiLineText = (max: number) =>
  withMaxLength(z.string().trim(), max).refine(
    (value) => !controlInMultiLine.test(value),
    leadMessages.controlCharacters,
  );
