import type { LocaleCode } from '../../schemas/locales.ts';

/** The confirmation page's words per locale (src/components/ConfirmSignup.astro). */
export interface ConfirmPageText {
  title: string;
  intro: string;
  button: string;
  sending: string;
  confirmedTitle: string;
  confirmed: string;
  expiredTitle: string;
  expired: string;
  unknownTitle: string;
  unknown: string;
  failed: string;
  noScript: string;
  homeLink: string;
}

export const confirmPageText: Record<LocaleCode, ConfirmPageText> = {
  'en-US': {
    title: 'Confirm your sign-up',
    intro:
      'One click and you are in: press the button to confirm that this address is yours and that you signed up.',
    button: 'Yes, confirm my sign-up',
    sending: 'Confirming…',
    confirmedTitle: 'Thank you, your sign-up is confirmed',
    confirmed: 'Your sign-up is confirmed. You can close this page.',
    expiredTitle: 'This link has expired',
    expired:
      'Confirmation links are valid for a limited time. Please sign up again and use the link in the new mail.',
    unknownTitle: 'This link is not valid',
    unknown:
      'We could not find a sign-up for this link. It may have been cut off in your mail program, or the sign-up was removed. Please sign up again.',
    failed: 'We could not confirm just now. Please press the button again in a minute.',
    noScript: 'Confirming needs JavaScript. Please turn it on and open the link from your mail again.',
    homeLink: 'To the home page',
  },
  'de-DE': {
    title: 'Anmeldung bestätigen',
    intro:
      'Nur noch ein Klick: Bestätigen Sie mit der Schaltfläche, dass diese Adresse Ihnen gehört und Sie sich angemeldet haben.',
    button: 'Ja, Anmeldung bestätigen',
    sending: 'Wird bestätigt …',
    confirmedTitle: 'Vielen Dank, Ihre Anmeldung ist bestätigt',
    confirmed: 'Ihre Anmeldung ist bestätigt. Sie können diese Seite schließen.',
    expiredTitle: 'Dieser Link ist abgelaufen',
    expired:
      'Bestätigungslinks gelten nur für eine begrenzte Zeit. Bitte melden Sie sich erneut an und nutzen Sie den Link aus der neuen E-Mail.',
    unknownTitle: 'Dieser Link ist ungültig',
    unknown:
      'Zu diesem Link gibt es keine Anmeldung. Vielleicht hat Ihr E-Mail-Programm ihn abgeschnitten, oder die Anmeldung wurde gelöscht. Bitte melden Sie sich erneut an.',
    failed: 'Die Bestätigung hat gerade nicht geklappt. Bitte versuchen Sie es in einer Minute erneut.',
    noScript:
      'Zum Bestätigen wird JavaScript benötigt. Bitte schalten Sie es ein und öffnen Sie den Link aus Ihrer E-Mail erneut.',
    homeLink: 'Zur Startseite',
  },
};
