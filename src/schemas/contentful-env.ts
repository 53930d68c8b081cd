import { z } from 'zod';
import { defaultEndpoints, parseEndpoint, type ContentfulEndpoint } from './contentful-endpoint.ts';

/** The variables that switch the build from the embedded `content/` space to Contentful. */
const requiredNames = [
  'CONTENTFUL_SPACE_ID',
  'CONTENTFUL_DELIVERY_TOKEN',
  'CONTENTFUL_PREVIEW_TOKEN',
  'CONTENTFUL_PREVIEW_SECRET',
] as const;

const TokenSchema = (name: string) =>
  z
    .string()
    .regex(/^[\w-]{8,}$/, `${name} should be the token as Contentful shows it (letters, digits, - and _)`);

/** A Contentful API host, optionally with port and base path (the fake API in tests, a proxy). */
export const EndpointSchema = z.string().transform((value, context): ContentfulEndpoint => {
  const parsed = parseEndpoint(value);
  if ('error' in parsed) {
    context.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }
  return parsed;
});

/**
 * Contentful configuration, read once per process. Set none of these and the site builds from
 * `content/space.json`; set some but not all of the required ones and this fails, naming each
 * missing variable, rather than silently building the embedded demo content.
 */
export const ContentfulEnvSchema = z
  .object({
    CONTENTFUL_SPACE_ID: z
      .string()
      .regex(/^[a-zA-Z0-9]+$/, 'a space id is letters and digits only (Settings › General settings)')
      .optional(),
    CONTENTFUL_ENVIRONMENT: z
      .string()
      .regex(/^[a-zA-Z0-9][\w.-]*$/, 'an environment id such as master or staging')
      .optional(),
    CONTENTFUL_DELIVERY_TOKEN: TokenSchema('the Content Delivery API token').optional(),
    CONTENTFUL_PREVIEW_TOKEN: TokenSchema('the Content Preview API token').optional(),
    CONTENTFUL_PREVIEW_SECRET: z
      .string()
      .min(24, 'use at least 24 random characters, e.g. from `openssl rand -hex 32`')
      .optional(),
    CONTENTFUL_HOST: EndpointSchema.optional().describe('Content Delivery API host override'),
    CONTENTFUL_PREVIEW_HOST: EndpointSchema.optional().describe('Content Preview API host override'),
    CONTENTFUL_PREVIEW_FRAME_ORIGINS: z
      .string()
      .transform((value) => value.split(',').map((origin) => origin.trim()))
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/,
              'only loopback origins such as http://127.0.0.1:8820 (for local tests); Contentful’s app is always allowed',
            ),
        ),
      )
      .optional()
      .describe('Extra origins that may frame the draft preview, besides Contentful’s app'),
  })
  .superRefine((env, context) => {
    const set = Object.entries(env).filter(([, value]) => value !== undefined);
    if (set.length === 0) return;
    const because = set.map(([name]) => name).join(', ');
    for (const name of requiredNames) {
      if (env[name] !== undefined) continue;
      context.addIssue({
        code: 'custom',
        path: [name],
        message: `is not set, but Contentful is partly configured (${because} set). Set it too, or unset every CONTENTFUL_* variable to build from content/`,
      });
    }
  })
  .transform((env) => {
    if (env.CONTENTFUL_SPACE_ID === undefined) return { kind: 'embedded' as const };
    // The refinement above has failed the parse unless every required variable is set.
    return {
      kind: 'contentful' as const,
      spaceId: env.CONTENTFUL_SPACE_ID,
      environment: env.CONTENTFUL_ENVIRONMENT ?? 'master',
      deliveryToken: env.CONTENTFUL_DELIVERY_TOKEN!,
      previewToken: env.CONTENTFUL_PREVIEW_TOKEN!,
      previewSecret: env.CONTENTFUL_PREVIEW_SECRET!,
      delivery: env.CONTENTFUL_HOST ?? defaultEndpoints.delivery,
      preview: env.CONTENTFUL_PREVIEW_HOST ?? defaultEndpoints.preview,
      previewFrameOrigins: env.CONTENTFUL_PREVIEW_FRAME_ORIGINS ?? [],
    };
  });

/** Where content comes from: the embedded export, or a Contentful space. */
export type ContentSource = z.infer<typeof ContentfulEnvSchema>;
/** A fully configured Contentful space. */
export type ContentfulConfig = Extract<ContentSource, { kind: 'contentful' }>;
