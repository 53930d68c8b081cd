import { createClient, type PlainClientAPI } from 'contentful-management';
import type { ContentfulManagementEnv } from '../../schemas/contentful-management-env.ts';

/** A Content Management API client bound to the configured space and environment. */
export function createManagementClient(
  env: ContentfulManagementEnv,
  log: (message: string) => void = console.warn,
): PlainClientAPI {
  const api = env.CONTENTFUL_MANAGEMENT_HOST;
  const upload = env.CONTENTFUL_UPLOAD_HOST;
  return createClient(
    {
      accessToken: env.CONTENTFUL_MANAGEMENT_TOKEN,
      ...(api ? { host: api.host, insecure: api.insecure, basePath: api.basePath } : {}),
      ...(upload ? { hostUpload: upload.host } : {}),
      // The SDK retries 429s after X-Contentful-RateLimit-Reset; its waits are worth seeing.
      logHandler: (level: string, data?: unknown) => {
        if (level !== 'error') log(`Contentful: ${typeof data === 'string' ? data : JSON.stringify(data)}`);
      },
    },
    {
      type: 'plain',
      defaults: { spaceId: env.CONTENTFUL_SPACE_ID, environmentId: env.CONTENTFUL_ENVIRONMENT },
    },
  );
}
