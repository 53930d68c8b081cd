import type { LeadFieldId } from '../../schemas/lead-fields.ts';
import type { LocaleCode } from '../../schemas/locales.ts';

/** Interface strings that are code, not content: labels the marketer does not write per page. */
interface UiStrings {
  skipToContent: string;
  mainNavigation: string;
  /** The phone header's disclosure button. */
  menu: string;
  languageSwitcher: string;
  footerNavigation: string;
  required: string;
  optional: string;
  errorSummaryTitle: string;
  /** The no-JS error page's submit button. */
  resend: string;
  chooseOne: string;
  consentLabel: string;
  /** How an error message names the consent checkbox. */
  consentFieldName: string;
  /** The page script's own words while sending and when sending fails; `{seconds}` is filled in. */
  formSending: string;
  formUnavailable: string;
  formTooMany: string;
  notFoundTitle: string;
  notFoundBody: string;
  notFoundHomeLink: string;
  /** The event details block's labels. */
  eventWhen: string;
  eventWhere: string;
  eventCalendarNote: string;
  /** The footer link to the legal notice (Impressum). */
  legalNotice: string;
  fieldLabels: Record<LeadFieldId, string>;
}

export const ui: Record<LocaleCode, UiStrings> = {
  'en-US': {
    skipToContent: 'Skip to content',
    mainNavigation: 'Main',
    menu: 'Menu',
    languageSwitcher: 'Language',
    footerNavigation: 'Footer',
    required: 'required',
    optional: 'optional',
    errorSummaryTitle: 'There is a problem',
    resend: 'Send again',
    chooseOne: 'Choose one',
    consentLabel: 'I agree',
    consentFieldName: 'Consent',
    formSending: 'Sending…',
    formUnavailable:
      'We could not send your details just now. Please check your connection and try again in a minute; nothing you entered is lost.',
    formTooMany: 'Too many sign-ups from your network. Please try again in {seconds} seconds.',
    notFoundTitle: 'Page not found',
    notFoundBody: 'The page you were looking for has moved or never existed. The campaign may have ended.',
    notFoundHomeLink: 'Go to the home page',
    eventWhen: 'When',
    eventWhere: 'Where',
    eventCalendarNote: 'The calendar file shows the session in your own time zone.',
    legalNotice: 'Legal notice',
    fieldLabels: {
      email: 'Work email',
      firstName: 'First name',
      lastName: 'Last name',
      company: 'Company',
      jobTitle: 'Job title',
      phone: 'Phone',
      country: 'Country',
      companySize: 'Company size',
      message: 'Message',
    },
  },
  'de-DE': {
    skipToContent: 'Zum Inhalt springen',
    mainNavigation: 'Hauptnavigation',
    menu: 'Menü',
    languageSwitcher: 'Sprache',
    footerNavigation: 'Fußzeile',
    required: 'Pflichtfeld',
    optional: 'optional',
    errorSummaryTitle: 'Bitte prüfen Sie Ihre Angaben',
    resend: 'Erneut senden',
    chooseOne: 'Bitte wählen',
    consentLabel: 'Ich stimme zu',
    consentFieldName: 'Einwilligung',
    formSending: 'Wird gesendet …',
    formUnavailable:
      'Wir konnten Ihre Angaben gerade nicht senden. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es in einer Minute erneut; Ihre Eingaben bleiben erhalten.',
    formTooMany:
      'Zu viele Anmeldungen aus Ihrem Netzwerk. Bitte versuchen Sie es in {seconds} Sekunden erneut.',
    notFoundTitle: 'Seite nicht gefunden',
    notFoundBody:
      'Die gesuchte Seite wurde verschoben oder existiert nicht. Vielleicht ist die Kampagne beendet.',
    notFoundHomeLink: 'Zur Startseite',
    eventWhen: 'Wann',
    eventWhere: 'Wo',
    eventCalendarNote: 'Die Kalenderdatei zeigt den Termin in Ihrer eigenen Zeitzone.',
    legalNotice: 'Impressum',
    fieldLabels: {
      email: 'Geschäftliche E-Mail',
      firstName: 'Vorname',
      lastName: 'Nachname',
      company: 'Unternehmen',
      jobTitle: 'Position',
      phone: 'Telefon',
      country: 'Land',
      companySize: 'Unternehmensgröße',
      message: 'Nachricht',
    },
  },
};
