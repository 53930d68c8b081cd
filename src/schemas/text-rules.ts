import { z } from 'zod';
import { leadMessages, tooLongMessage } from './lead-messages.ts';

/**
 * A length as the browser's `maxlength` counts it: UTF-16 code units, so an emoji counts 2.
 * zod's `.max()` counts code points, which let through what the browser had refused; every limit
 * here goes through this one rule, and the same number becomes the input's `maxlength`.
 * https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#attr-fe-maxlength
 */
export const fitsMaxLength = (value: string, max: number) => value.length <= max;

/** A string schema refused above `max` UTF-16 code units, with the catalogue's message. */
export const withMaxLength = <S extends z.ZodType<string>>(schema: S, max: number): S =>
  schema.refine((value) => fitsMaxLength(value, max), tooLongMessage(max));

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
