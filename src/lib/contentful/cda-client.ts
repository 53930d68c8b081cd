import { createClient, type ContentfulClientApi } from 'contentful';
import type { ContentfulConfig } from '../../schemas/contentful-env.ts';
import type { ApiContext } from './contentful-api-error.ts';
import { endpointLabel } from '../../schemas/contentful-endpoint.ts';

export interface ClientHooks {
  /** SDK log lines; rate-limit waits arrive here as warnings ("Rate limit error occurred. Waiting for …"). */
  log?: (level: string, message: string) => void;
  /** Called for every HTTP request, retries included. */
  onRequest?: () => void;
  /** Retries per request on 429, 5xx and connection errors (the SDK's default is 5). */
  retryLimit?: number;
}

/** What a client talks to, for error messages. */
export function apiContext(config: ContentfulConfig, api: 'delivery' | 'preview'): ApiContext {
  return {
    api,
    spaceId: config.spaceId,
    environment: config.environment,
    endpoint: endpointLabel(config[api]),
  };
}

/**
 * A `contentful` SDK client for the Delivery or the Preview API. The SDK itself retries 429s after
 * the delay Contentful advises in `X-Contentful-RateLimit-Reset` (plus jitter), and 5xx/connection
 * errors with exponential backoff; `hooks.log` makes those waits visible in the build log.
 */
export function createCdaClient(
  config: ContentfulConfig,
  api: 'delivery' | 'preview',
  hooks: ClientHooks = {},
): ContentfulClientApi<undefined> {
  const endpoint = config[api];
  return createClient({
    space: config.spaceId,
    environment: config.environment,
    accessToken: api === 'delivery' ? config.deliveryToken : config.previewToken,
    host: endpoint.host,
    insecure: endpoint.insecure,
    basePath: endpoint.basePath,
    application: 'floodgate/1.0',
    retryOnError: true,
    retryLimit: hooks.retryLimit ?? 5,
    timeout: 30_000,
    logHandler: (level, data) => {
      const message: unknown =
        typeof data === 'string'
          ? data
          : ((data as { message?: unknown } | undefined)?.message ?? JSON.stringify(data));
      hooks.log?.(level, String(message));
    },
    requestLogger: () => hooks.onRequest?.(),
  });
}
