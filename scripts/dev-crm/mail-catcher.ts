import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail the catcher received, as the dev CRM's mail page and the tests read it. */
export interface CaughtMail {
  /** Order of arrival, from 1. */
  number: number;
  receivedAt: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** The `X-Floodgate-Lead` header: which lead the mail is about. */
  leadId: string | undefined;
  /** Every http(s) link in the text (the confirmation link, for one). */
  links: string[];
}

export interface MailCatcher {
  /** `smtp://127.0.0.1:<port>`: what `SMTP_URL` is set to for the local worker. */
  smtpUrl: string;
  mails(): CaughtMail[];
  close(): Promise<void>;
}

const kept = 500;

/**
 * A real SMTP server on loopback (`smtp-server`) that keeps every mail it is sent, parsed with
 * `mailparser`, and delivers none: `npm start` points the worker's nodemailer at it, so the
 * confirmation mails of double opt-in forms show on the dev CRM's mail page with links that work.
 */
export async function startMailCatcher(options: { port?: number; host?: string } = {}): Promise<MailCatcher> {
  const caught: CaughtMail[] = [];
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: nothing leaves the machine, and nodemailer does not try STARTTLS.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const text = mail.text ?? '';
          const lead = mail.headers.get('x-floodgate-lead');
          caught.push({
            number: (count += 1),
            receivedAt: Date.now(),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: mail.subject ?? '',
            text,
            leadId: typeof lead === 'string' ? lead : undefined,
            links: text.match(/https?:\/\/[^\s<>"]+/g) ?? [],
          });
          if (caught.length > kept) caught.shift();
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((done, fail) => {
    server.server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => done());
  });
  const { address, port } = server.server.address() as AddressInfo;
  return {
    smtpUrl: `smtp://${address}:${port}`,
    mails: () => [...caught],
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
