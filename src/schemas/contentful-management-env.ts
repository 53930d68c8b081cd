import { z } from 'zod';
import { EndpointSchema } from './contentful-env.ts';

/**
 * What `npm run cms:model` and `npm run cms:seed` need: a Content Management API token (a
 * personal access token, Account settings › CMA tokens) and the space to change.
 */
export const ContentfulManagementEnvSchema = z.object({
  CONTENTFUL_MANAGEMENT_TOKEN: z
    .string()
    .regex(/^[\w-]{8,}$/, 'a personal access token, as Contentful shows it'),
  CONTENTFUL_SPACE_ID: z.string().regex(/^[a-zA-Z0-9]+$/, 'a space id is letters and digits only'),
  CONTENTFUL_ENVIRONMENT: z
    .string()
    .regex(/^[a-zA-Z0-9][\w.-]*$/)
    .default('master'),
  CONTENTFUL_MANAGEMENT_HOST: EndpointSchema.optional().describe('Content Management API host override'),
  CONTENTFUL_UPLOAD_HOST: EndpointSchema.optional().describe('Upload API host override'),
});

export type ContentfulManagementEnv = z.infer<typeof ContentfulManagementEnvSchema>;
