import nodemailer from 'nodemailer';
import {
  withoutAddresses,
  type MailOutcome,
  type MailTransport,
  type OutgoingMail,
} from './mail-transport.ts';

interface SmtpError {
  responseCode?: number;
  code?: string;
  message?: string;
}

/**
 * Mails through SMTP with nodemailer (`SMTP_URL`, `MAIL_FROM`). A 5xx answer is permanent (the
 * address or the message is refused); a 4xx, a timeout or a broken connection is tried again.
 */
export function createSmtpTransport(options: {
  url: string;
  from: string;
  timeoutMs?: number;
}): MailTransport & {
  close(): void;
} {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const transporter = nodemailer.createTransport({
    url: options.url,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    async send(mail: OutgoingMail): Promise<MailOutcome> {
      try {
        await transporter.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          headers: { 'X-Floodgate-Lead': mail.leadId },
        });
        return { ok: true };
      } catch (error) {
        const { responseCode, code, message } = error as SmtpError;
        const detail = withoutAddresses(message ?? String(error));
        if (typeof responseCode === 'number')
          return { ok: false, retryable: responseCode < 500, status: responseCode, detail };
        return {
          ok: false,
          retryable: true,
          status: 'network-error',
          detail: code ? `${code}: ${detail}` : detail,
        };
      }
    },
    close: () => transporter.close(),
  };
}
