/**
 * What a visitor is told when a lead field is wrong. The zod schemas (server) and the form's
 * data attributes (the page script) both read these, so the browser and the endpoint always say
 * the same thing about the same mistake.
 */
export const leadMessages = {
  missing: 'fill in this field',
  email: 'enter an email address like name@example.com',
  phone: 'enter a phone number using digits, spaces and + ( ) - only',
  companySize: 'choose a company size from the list',
  controlCharacters: 'remove control characters',
  consent: 'tick the box to agree to the consent text: we cannot contact you without it',
  /** `{max}` is replaced by the field's limit. */
  tooLong: 'use {max} characters or fewer',
} as const;

export const tooLongMessage = (max: number) => leadMessages.tooLong.replace('{max}', String(max));
