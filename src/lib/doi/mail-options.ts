import type { MailEnv } from '../../schemas/mail-env.ts';
import { createFormRulesSource } from '../leads/form-rules-source.ts';
import type { LeadMailOptions } from './lead-mails.ts';
import { createSmtpTransport } from './smtp-transport.ts';

/**
 * The worker's mail settings from `MailEnvSchema`'s output: nodemailer over `SMTP_URL` (none while
 * it is unset: mails wait in `lead_mails`), and the form texts from the rules the build bundled.
 */
export function leadMailOptions(
  env: MailEnv,
  readFormRules: () => Promise<unknown>,
  log: (message: string) => void,
): LeadMailOptions {
  const rules = createFormRulesSource(readFormRules, log);
  return {
    env,
    transport:
      env.smtpUrl && env.mailFrom ? createSmtpTransport({ url: env.smtpUrl, from: env.mailFrom }) : undefined,
    forms: () => rules.load(),
  };
}
