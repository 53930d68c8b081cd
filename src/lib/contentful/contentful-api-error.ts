/** Which Contentful API a request went to, and with which credentials, for error messages. */
export interface ApiContext {
  api: 'delivery' | 'preview';
  spaceId: string;
  environment: string;
  endpoint: string;
}

/** Status, error id and message of a failed SDK call, whichever of the SDK's two error shapes it has. */
export interface FailureDetail {
  status?: number;
  id?: string;
  message?: string;
  network?: string;
}

/**
 * A Contentful API call failed; the message says what to check, in words an operator can act on,
 * and never includes the token.
 *
 * @example
 * throw new ContentfulApiError({ status: 401, id: 'AccessTokenInvalid' }, context);
 */
export class ContentfulApiError extends Error {
  readonly status: number | undefined;

  constructor(detail: FailureDetail, context: ApiContext) {
    super(explain(detail, context));
    this.name = 'ContentfulApiError';
    this.status = detail.status;
  }
}

function explain(detail: FailureDetail, context: ApiContext): string {
  const where = `space ${context.spaceId}, environment ${context.environment} (${context.endpoint})`;
  const token = context.api === 'delivery' ? 'CONTENTFUL_DELIVERY_TOKEN' : 'CONTENTFUL_PREVIEW_TOKEN';
  const api = context.api === 'delivery' ? 'Content Delivery API' : 'Content Preview API';
  const code = [detail.status, detail.id].filter(Boolean).join(' ');
  if (detail.network)
    return `Could not reach the Contentful ${api} at ${context.endpoint}: ${detail.network}`;
  if (detail.status === 401)
    return `Contentful rejected ${token} (${code}) for ${where}: the token is wrong, revoked or for another space. Copy the ${api} token from Settings › API keys.`;
  if (detail.status === 404)
    return `Contentful found no ${where} (${code}): check CONTENTFUL_SPACE_ID and CONTENTFUL_ENVIRONMENT, and that the API key may read that environment.`;
  if (detail.status === 429)
    return `Contentful kept answering 429 (rate limit) for ${where} after every retry; wait a minute and build again.`;
  return `The Contentful ${api} answered ${code || 'with an error'} for ${where}${detail.message ? `: ${detail.message}` : ''}`;
}

/** Run one SDK call, turning its failure into a `ContentfulApiError` that says what to check. */
export async function callContentful<T>(context: ApiContext, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw new ContentfulApiError(failureDetail(error), context);
  }
}

/**
 * Read a failure from the SDK. Most calls throw an Error whose message is a JSON report
 * (`contentful-sdk-core`'s error handler); `sync` throws the raw axios error.
 */
export function failureDetail(error: unknown): FailureDetail {
  if (!(error instanceof Error)) return { message: String(error) };
  const axios = error as Error & {
    code?: string;
    response?: { status?: number; data?: { sys?: { id?: string }; message?: string } };
  };
  if (axios.response?.status !== undefined) {
    return {
      status: axios.response.status,
      id: axios.response.data?.sys?.id,
      message: axios.response.data?.message,
    };
  }
  if (axios.code && /^(E[A-Z]+|ERR_[A-Z_]+)$/.test(axios.code)) return { network: axios.code };
  try {
    const report = JSON.parse(error.message) as { status?: number; message?: string };
    if (typeof report.status === 'number')
      return {
        status: report.status,
        id: /^\d/.test(error.name) ? undefined : error.name,
        message: report.message,
      };
  } catch {
    // Not a JSON report: fall through to the plain message.
  }
  return { message: error.message };
}
