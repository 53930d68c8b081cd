import { z } from 'zod';
import { isProductionEnv, RuntimeContextShape } from './env-context.ts';

const days = (name: string, fallback: number) => {
  const range = `${name} must be between 1 and 3650`;
  return z
    .string()
    .regex(/^\d{1,4}(\.\d{1,3})?$/, `${name} must be a number of days`)
    .default(String(fallback))
    .transform(Number)
    .pipe(z.number().min(1, range).max(3650, range));
};

/**
 * Privacy settings every part touching personal data reads (the delivery worker, the outbox mover,
 * `/ops/`, `privacy:*`): the erasure hash secret and the dead-letter retention. docs/privacy.md.
 */
export const PrivacyEnvShape = {
  /**
   * Keys the tombstone hashes of erased addresses (HMAC-SHA256). The same value everywhere: the
   * worker and the mover compare hashes made by `privacy:erase`. Changing it forgets old erasures.
   */
  PRIVACY_HASH_SECRET: z
    .string()
    .min(32, 'PRIVACY_HASH_SECRET must be at least 32 characters (openssl rand -hex 32)')
    .optional(),
  /** Days a dead letter (payload and attempts) is kept for redrive before it is purged. */
  LEADS_DEAD_RETENTION_DAYS: days('LEADS_DEAD_RETENTION_DAYS', 30),
  /** Days spam is kept for review (`npm run leads:spam`) before it and its PII are purged. */
  LEADS_SPAM_RETENTION_DAYS: days('LEADS_SPAM_RETENTION_DAYS', 30),
};

export const PrivacyEnvSchema = z
  .object({ ...PrivacyEnvShape, ...RuntimeContextShape })
  .superRefine((env, ctx) => {
    if (isProductionEnv(env) && !env.PRIVACY_HASH_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['PRIVACY_HASH_SECRET'],
        message: 'is not set: production keys erasure tombstones with it; use 32+ random characters',
      });
  });

export type PrivacyEnv = z.infer<typeof PrivacyEnvSchema>;

/** Outside production a fixed secret is fine: it only has to match between this machine's parts. */
export const DEV_PRIVACY_HASH_SECRET = 'floodgate-development-only-privacy-hash-secret';

/** The secret tombstone hashes are keyed with. */
export const privacyHashSecret = (env: { PRIVACY_HASH_SECRET?: string | undefined }): string =>
  env.PRIVACY_HASH_SECRET ?? DEV_PRIVACY_HASH_SECRET;

/** How long before its purge a dead letter is announced (status warning, ops alert). */
export const DEAD_PURGE_WARNING_DAYS = 7;
