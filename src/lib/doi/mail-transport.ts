/** A mail to one recipient, as the worker hands it over. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Sent as `X-Floodgate-Lead`: lets the local catcher (and a support desk) match a mail to its lead. */
  leadId: string;
}

/** How sending went. A transport never throws: every failure is an outcome the retry policy judges. */
export type MailOutcome =
  { ok: true } | { ok: false; retryable: boolean; status: number | 'network-error'; detail: string };

export interface MailTransport {
  send(mail: OutgoingMail): Promise<MailOutcome>;
}

const addressPattern = /[^\s<>()[\]",;:]+@[^\s<>()[\]",;:]+/g;

/** An SMTP answer without any address in it: attempts are stored outside the lead's payload. */
export const withoutAddresses = (message: string): string =>
  message.replace(addressPattern, '<address>').slice(0, 300);
