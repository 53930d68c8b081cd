import type { z } from 'zod';
import { DatabaseEnvSchema } from '../../schemas/database-env.ts';
import { DeliveryEnvSchema, DrainerTriggerEnvSchema, HealthEnvSchema } from '../../schemas/delivery-env.ts';
import { LeadIntakeEnvSchema } from '../../schemas/lead.ts';
import { MailEnvSchema } from '../../schemas/mail-env.ts';
import { PrivacyEnvSchema } from '../../schemas/privacy-env.ts';
import { RebuildEnvSchema } from '../../schemas/webhook-env.ts';

/**
 * What each function reads from its environment, as the schemas the functions themselves parse
 * with: the deploy check (`npm run check:env`, the Netlify build) and the functions can never
 * disagree about what a valid configuration is.
 */
export interface FunctionEnv {
  /** The functions (netlify/functions/<name>.mts) that parse these schemas. */
  functions: readonly string[];
  schemas: readonly z.ZodType[];
  /**
   * An optional feature is off while none of these variables is set: it is then not checked, and
   * its functions answer 404. Once one is set, the feature must be configured completely.
   */
  enabledBy?: readonly string[];
}

export const functionEnvs: readonly FunctionEnv[] = [
  { functions: ['leads'], schemas: [LeadIntakeEnvSchema, DatabaseEnvSchema, DrainerTriggerEnvSchema] },
  { functions: ['leads-health'], schemas: [HealthEnvSchema, DatabaseEnvSchema] },
  {
    functions: ['deliver-leads', 'deliver-leads-background'],
    schemas: [DeliveryEnvSchema, DatabaseEnvSchema, MailEnvSchema],
  },
  {
    functions: ['contentful-webhook', 'rebuild-windows', 'rebuild-windows-background'],
    schemas: [RebuildEnvSchema, DatabaseEnvSchema],
    enabledBy: ['CONTENTFUL_WEBHOOK_SECRET', 'NETLIFY_BUILD_HOOK_URL'],
  },
  { functions: ['confirm-lead'], schemas: [MailEnvSchema, DatabaseEnvSchema, DrainerTriggerEnvSchema] },
  // Erasure tombstones: every part that delivers or moves leads compares their hashes (docs/privacy.md).
  {
    functions: ['deliver-leads', 'deliver-leads-background', 'move-lead-outbox', 'ops', 'privacy-upkeep'],
    schemas: [PrivacyEnvSchema],
  },
];

/** The Contentful-to-rebuild feature's variables, when it is switched on at all. */
export const rebuildFeature = functionEnvs[3];

/** Whether an optional feature is on in `env` (a feature without `enabledBy` always is). */
export const isFeatureOn = (feature: FunctionEnv, env: Record<string, string | undefined>) =>
  !feature.enabledBy || feature.enabledBy.some((name) => Boolean(env[name]));
