import { readFile } from 'node:fs/promises';
import { leadMailOptions } from '../../src/lib/doi/mail-options.ts';
import type { LeadMailOptions } from '../../src/lib/doi/lead-mails.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { defaultFormRulesFile } from '../../src/lib/leads/form-rules-source.ts';
import { MailEnvSchema } from '../../src/schemas/mail-env.ts';
import type { MailCatcher } from '../dev-crm/mail-catcher.ts';

/**
 * The local worker's mail settings: to the SMTP catcher (or the SMTP_URL you set), links to this
 * server, texts from the build's form rules on disk (as the functions bundle them).
 */
export function localMailOptions(siteUrl: string, catcher: MailCatcher | undefined): LeadMailOptions {
  const env = parseEnv(
    MailEnvSchema,
    {
      ...process.env,
      ...(catcher
        ? {
            SMTP_URL: catcher.smtpUrl,
            MAIL_FROM: process.env.MAIL_FROM ?? '"Floodgate (local)" <news@localhost.test>',
          }
        : {}),
      SITE_URL: siteUrl,
    },
    'npm start (mail)',
  );
  return leadMailOptions(
    env,
    async () => JSON.parse(await readFile(defaultFormRulesFile, 'utf8')) as unknown,
    console.error,
  );
}
