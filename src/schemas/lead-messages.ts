import type { LocaleCode } from './locales.ts';

/**
 * What a visitor is told when a lead field is wrong. The zod schemas (server) say it in English,
 * which doubles as the message's identity; the endpoint answers in the language of the page the
 * form was on (`localizeFieldMessage`), and the page script reads the same texts from the form's
 * `data-messages`, so the browser and the endpoint always say the same thing about the same mistake.
 */
export const leadMessages = {
  missing: 'fill in this field',
  email: 'enter an email address like name@example.com',
  phone: 'enter a phone number using digits, spaces and + ( ) - only',
  companySize: 'choose a company size from the list',
  controlCharacters: 'remove control characters',
  malformedText: 'remove characters that are not valid text',
  lineBreaks: 'keep this to one line, without line breaks',
  consent: 'tick the box to agree to the consent text: we cannot contact you without it',
  formNotOpen: 'this form is not open for sign-ups',
  /** The posted consent version is not one this form's page can have shown (docs/consent.md). */
  consentOutdated: 'this page is out of date: reload it and send the form again',
  choose: 'choose one of the options',
  number: 'enter a whole number',
  tick: 'tick this box',
  /** `{max}` is replaced by the field's limit. */
  tooLong: 'use {max} characters or fewer',
  /** `{min}` and `{max}`: a number field's limits. */
  tooSmall: 'enter {min} or more',
  tooLarge: 'enter {max} or less',
} as const;

export type LeadMessages = Record<keyof typeof leadMessages, string>;

export const localizedLeadMessages: Record<LocaleCode, LeadMessages> = {
  'en-US': leadMessages,
  'de-DE': {
    missing: 'bitte ausfüllen',
    email: 'bitte eine E-Mail-Adresse wie name@beispiel.de eingeben',
    phone: 'bitte eine Telefonnummer nur mit Ziffern, Leerzeichen und + ( ) - eingeben',
    companySize: 'bitte eine Unternehmensgröße aus der Liste wählen',
    controlCharacters: 'bitte Steuerzeichen entfernen',
    malformedText: 'bitte ungültige Zeichen entfernen',
    lineBreaks: 'bitte in einer Zeile ohne Zeilenumbrüche schreiben',
    consent:
      'bitte das Kästchen ankreuzen, um dem Einwilligungstext zuzustimmen: ohne Ihre Zustimmung dürfen wir Sie nicht kontaktieren',
    formNotOpen: 'dieses Formular nimmt keine Anmeldungen an',
    consentOutdated: 'diese Seite ist veraltet: bitte neu laden und das Formular erneut senden',
    choose: 'bitte eine der Optionen wählen',
    number: 'bitte eine ganze Zahl eingeben',
    tick: 'bitte das Kästchen ankreuzen',
    tooLong: 'bitte höchstens {max} Zeichen verwenden',
    tooSmall: 'bitte {min} oder mehr eingeben',
    tooLarge: 'bitte {max} oder weniger eingeben',
  },
};

export const tooLongMessage = (max: number, messages: LeadMessages = leadMessages) =>
  messages.tooLong.replace('{max}', String(max));

type MessageKey = keyof typeof leadMessages;
const keys = Object.keys(leadMessages) as MessageKey[];

/** A catalogue message with its `{placeholders}` filled in. */
export const fillMessage = (template: string, values: Record<string, number>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

// English templates with placeholders, as patterns that recognise a filled-in message.
const templates = keys.flatMap((key) => {
  const names = [...leadMessages[key].matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  if (names.length === 0) return [];
  const pattern = leadMessages[key].replace(/\{\w+\}/g, '(-?\\d+)');
  return [{ key, names, pattern: new RegExp(`^${pattern}$`) }];
});

/**
 * A field message in `locale`. Messages not in the catalogue (a tampered post's "send this as
 * string") stay as they are: no visitor using the form ever sees them.
 */
export function localizeFieldMessage(message: string, locale: LocaleCode): string {
  const messages = localizedLeadMessages[locale];
  for (const { key, names, pattern } of templates) {
    const found = pattern.exec(message);
    if (found)
      return fillMessage(
        messages[key],
        Object.fromEntries(names.map((name, i) => [name, Number(found[i + 1])])),
      );
  }
  const key = keys.find((candidate) => leadMessages[candidate] === message);
  return key ? messages[key] : message;
}

/** The endpoint's answers that are not about one field, in each locale. */
export const problemMessages: Record<
  LocaleCode,
  Record<
    | 'unavailable'
    | 'methodNotAllowed'
    | 'forbiddenOrigin'
    | 'rateLimited'
    | 'formClosed'
    | 'invalid'
    | 'keyConflict',
    string
  >
> = {
  'en-US': {
    unavailable: 'We could not save your details just now. Please try again in a moment.',
    methodNotAllowed: 'Use POST.',
    forbiddenOrigin: 'Sign up from the form on our site.',
    rateLimited: 'Too many sign-ups. Try again in a minute.',
    formClosed: 'This form is closed. Thank you for your interest.',
    invalid: 'Some details need correcting.',
    keyConflict:
      'These details differ from a sign-up already sent from this form. Reload the page to send them as a new sign-up.',
  },
  'de-DE': {
    unavailable:
      'Wir konnten Ihre Angaben gerade nicht speichern. Bitte versuchen Sie es gleich noch einmal.',
    methodNotAllowed: 'Bitte POST verwenden.',
    forbiddenOrigin: 'Bitte melden Sie sich über das Formular auf unserer Website an.',
    rateLimited: 'Zu viele Anmeldungen. Bitte versuchen Sie es in einer Minute erneut.',
    formClosed: 'Dieses Formular ist geschlossen. Vielen Dank für Ihr Interesse.',
    invalid: 'Einige Angaben müssen korrigiert werden.',
    keyConflict:
      'Diese Angaben weichen von einer bereits gesendeten Anmeldung aus diesem Formular ab. Laden Sie die Seite neu, um sie als neue Anmeldung zu senden.',
  },
};
