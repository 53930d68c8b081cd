import { z } from 'zod';
import { isProductionEnv, RuntimeContextShape } from './env-context.ts';
import { localeCodes } from './locales.ts';
import { LEAD_RATE_LIMIT } from './lead-rate-limit.ts';
import { LeadFormSchema } from './blocks/lead-form.ts';
import { LeadLaneSchema } from './delivery-lanes.ts';
import { SlugSchema } from './fields.ts';
import { FormFieldRuleSchema } from './form-field.ts';
import { leadMessages } from './lead-messages.ts';
import { FormMailTextsSchema } from './confirmation-mail.ts';
import { withMaxLength } from './text-rules.ts';
import { leadFieldCatalog, leadFieldIds, LeadFieldIdSchema, type LeadFieldId } from './lead-fields.ts';

/**
 * What a lead form posts to /api/leads, as JSON (the page script) or urlencoded (no JavaScript).
 * Every catalogue field is optional here: which ones a visitor must fill in is content, checked
 * against the form's `requiredFields` (see `FormConfigSchema`). Unknown keys are dropped.
 */

// A blank input posts "", which means "not filled in", not "an invalid value".
const blankIsUnset = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optionalField = <S extends z.core.SomeType>(schema: S) =>
  z.preprocess(blankIsUnset, z.optional(schema));

type CatalogShape = {
  [K in LeadFieldId]: z.ZodPreprocess<z.ZodOptional<(typeof leadFieldCatalog)[K]['schema']>>;
};

const catalogShape = Object.fromEntries(
  leadFieldIds.map((id) => [id, optionalField(leadFieldCatalog[id].schema)]),
) as CatalogShape;

// Urlencoded posts carry numbers as digit strings; JSON carries numbers.
const wholeNumber = (message: string) =>
  optionalField(
    z.preprocess(
      (value) => (typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value),
      z.number({ error: message }).int(message).min(0, message).max(Number.MAX_SAFE_INTEGER, message),
    ),
  );

const utmValue = withMaxLength(z.string().trim(), 200).optional();

/** Campaign parameters copied from the landing page URL. */
export const UtmSchema = z.object({
  utm_source: utmValue,
  utm_medium: utmValue,
  utm_campaign: utmValue,
  utm_term: utmValue,
  utm_content: utmValue,
});

/** The UTM parameter names, as form posts send them flat. */
export const utmKeys = Object.keys(UtmSchema.shape) as (keyof typeof UtmSchema.shape)[];

/** One lead form post, before its form's required fields are checked (see `validateLead`). */
export const LeadSubmissionSchema = z.object({
  ...catalogShape,
  formId: withMaxLength(LeadFormSchema.shape.formId, 100),
  pageSlug: withMaxLength(SlugSchema, 200),
  locale: z.enum(localeCodes, { error: `must be one of: ${localeCodes.join(', ')}` }),
  /** The consent checkbox posts "yes"; the script may send `true`. Nothing else is consent. */
  consent: z.union([z.literal(true), z.literal('yes')], {
    error: leadMessages.consent,
  }),
  consentVersion: withMaxLength(z.string().trim().min(1, 'is missing'), 100),
  /** Made by the page script once per form view; a retry sends the same key. No-JS posts have none. */
  idempotencyKey: optionalField(z.uuid({ error: 'must be a UUID' })),
  utm: UtmSchema.optional(),
  referrer: optionalField(
    withMaxLength(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }), 2000),
  ),
  /** Epoch ms of the visitor's first interaction with the form (page script). */
  startedAt: wholeNumber('must be a time in milliseconds'),
  /** Ms from first interaction to submit, measured with the monotonic `performance.now()`. */
  fillMs: wholeNumber('must be a duration in milliseconds'),
  /** Honeypot: hidden from people, so anything in it came from a bot. */
  website: withMaxLength(z.string(), 2000).optional(),
});

export type LeadSubmission = z.infer<typeof LeadSubmissionSchema>;

/** What the lead endpoint needs to know about one form, taken from its content entries at build time. */
export const FormConfigSchema = z.object({
  fields: z.array(LeadFieldIdSchema).min(1),
  requiredFields: z.array(LeadFieldIdSchema),
  /** Fields defined in Contentful, after the presets, with the rules both sides enforce. */
  customFields: z.array(FormFieldRuleSchema).default([]),
  /** The page a no-JS post is sent to after success (303), in the visitor's locale. */
  successSlug: SlugSchema.optional(),
  /** The success page's slug in each locale (slugs are localized); `successSlug` where one is missing. */
  successSlugs: z.partialRecord(z.enum(localeCodes), SlugSchema).optional(),
  /** Pages showing the form; a no-JS error page links back to the one the visitor came from. */
  pageSlugs: z.array(SlugSchema).min(1),
  /** The form's delivery lane (its `priority` in content); unset (rules from an older build): normal. */
  lane: LeadLaneSchema.optional(),
  /** The key of the campaign whose pages show the form, if any: its leads share the pace as one group. */
  campaign: SlugSchema.optional(),
  /** The lead form entries showing this form: a posted consent version must name one (docs/consent.md). */
  consentEntries: z.array(z.string()).optional(),
  /** That campaign's delivery weight in its lane (its launch ticket's `deliveryWeight`). */
  campaignWeight: z.number().positive().optional(),
  /** That campaign's cap on leads delivered per second (its ticket's `maxDeliveriesPerSecond`). */
  campaignMaxPerSecond: z.number().positive().optional(),
  /** Double opt-in: its leads wait as `unconfirmed` until the link in the confirmation mail is clicked. */
  needsConfirmation: z.boolean().optional(),
  /** The form's mail texts per locale (confirmation, receipt), which the worker sends. */
  mails: z.partialRecord(z.enum(localeCodes), FormMailTextsSchema).optional(),
});

export type FormConfig = z.output<typeof FormConfigSchema>;

/** Every live form by `formId`. Read with `Object.hasOwn`, never `forms[id]` on visitor input. */
export const FormConfigMapSchema = z.record(z.string(), FormConfigSchema);

export type FormConfigMap = z.infer<typeof FormConfigMapSchema>;

const positiveInt = (name: string, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `${name} must be a whole number`)
    .default(String(fallback))
    .transform(Number)
    .pipe(z.number().min(1, `${name} must be at least 1`));

const commaList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()))
  .transform((items) => items.filter(Boolean));

/**
 * Variables the lead function reads. Netlify sets `URL`, `DEPLOY_URL`, `DEPLOY_PRIME_URL` and
 * `CONTEXT` at runtime; locally `SITE_URL` says where the site is. No URL comes from a request.
 * https://docs.netlify.com/build/configure-builds/environment-variables/#read-only-variables
 */
export const LeadIntakeEnvSchema = z
  .object({
    LEADS_IP_HASH_SECRET: z
      .string()
      .min(32, 'LEADS_IP_HASH_SECRET must be at least 32 characters')
      .optional(),
    /** Kill switch: `*` closes every form, otherwise a comma-separated list of form ids. */
    LEADS_FORMS_CLOSED: commaList.optional(),
    /**
     * The in-code limiter's posts per client per window; default `LEAD_RATE_LIMIT` (Netlify's limit).
     * Raised only for local load tests: in production Netlify's edge limit answers first, so a
     * different value there is refused (below) rather than silently meaningless.
     */
    LEADS_RATE_LIMIT_PER_MINUTE: positiveInt('LEADS_RATE_LIMIT_PER_MINUTE', LEAD_RATE_LIMIT.windowLimit),
    LEADS_MIN_FILL_MS: positiveInt('LEADS_MIN_FILL_MS', 2500),
    /** How long the endpoint waits for the queue store before answering 503 (the page retries). */
    LEADS_ENQUEUE_TIMEOUT_MS: positiveInt('LEADS_ENQUEUE_TIMEOUT_MS', 4000),
    /** Extra origins allowed to post, comma-separated (e.g. a campaign microsite). */
    LEADS_ALLOWED_ORIGINS: commaList
      .pipe(z.array(z.url({ error: 'LEADS_ALLOWED_ORIGINS must list absolute URLs, comma-separated' })))
      .optional(),
    SITE_URL: z.url({ error: 'SITE_URL must be an absolute URL such as https://www.example.com' }).optional(),
    URL: z.url({ error: 'URL (set by Netlify) must be an absolute URL' }).optional(),
    /** This deploy's own address and its branch/preview alias, set by Netlify: posts from them are ours. */
    DEPLOY_URL: z.url({ error: 'DEPLOY_URL (set by Netlify) must be an absolute URL' }).optional(),
    DEPLOY_PRIME_URL: z
      .url({ error: 'DEPLOY_PRIME_URL (set by Netlify) must be an absolute URL' })
      .optional(),
    ...RuntimeContextShape,
  })
  .superRefine((env, ctx) => {
    if (isProductionEnv(env) && !env.LEADS_IP_HASH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['LEADS_IP_HASH_SECRET'],
        message: 'is not set: production needs a secret of 32+ random characters to hash client IPs',
      });
    }
    if (env.CONTEXT === 'production' && env.LEADS_RATE_LIMIT_PER_MINUTE !== LEAD_RATE_LIMIT.windowLimit) {
      ctx.addIssue({
        code: 'custom',
        path: ['LEADS_RATE_LIMIT_PER_MINUTE'],
        message: `differs from Netlify's limit (${LEAD_RATE_LIMIT.windowLimit}), which answers first in production: unset it, or change LEAD_RATE_LIMIT (src/schemas/lead-rate-limit.ts) and the rateLimit in netlify/functions/leads.mts`,
      });
    }
  })
  .transform((env) => ({
    // Outside production a fixed secret is fine: the hashes only need to be stable on this machine.
    ipHashSecret: env.LEADS_IP_HASH_SECRET ?? 'floodgate-development-only-ip-hash-secret',
    formsClosed: env.LEADS_FORMS_CLOSED ?? [],
    rateLimitPerMinute: env.LEADS_RATE_LIMIT_PER_MINUTE,
    minFillMs: env.LEADS_MIN_FILL_MS,
    enqueueTimeoutMs: env.LEADS_ENQUEUE_TIMEOUT_MS,
    siteUrl: env.SITE_URL ?? env.URL ?? 'http://localhost:8888',
    allowedOrigins: [
      ...(env.LEADS_ALLOWED_ORIGINS ?? []),
      ...(env.DEPLOY_URL ? [env.DEPLOY_URL] : []),
      ...(env.DEPLOY_PRIME_URL ? [env.DEPLOY_PRIME_URL] : []),
    ].map((url) => new globalThis.URL(url).origin),
  }));

export type LeadIntakeEnv = z.infer<typeof LeadIntakeEnvSchema>;
