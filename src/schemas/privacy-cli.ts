import { z } from 'zod';
import { normalizeAddress } from '../lib/privacy/normalize-address.ts';

/**
 * `npm run privacy:export -- --email <address> [--json]` and `npm run privacy:erase -- --email <address>`.
 * The address is normalised (trimmed, NFC, lower case) before it is checked, as the lookup compares it.
 */
export const PrivacyArgsSchema = z.object({
  email: z
    .string({ error: '--email <address> is required' })
    .transform(normalizeAddress)
    .pipe(z.email({ error: '--email must be an e-mail address such as ada@example.com' })),
  /** Erase: skip the question (for scripts); the request is still logged. */
  yes: z.boolean().default(false),
});

export type PrivacyArgs = z.infer<typeof PrivacyArgsSchema>;
