import { problemMessages } from '../../schemas/lead-messages.ts';
import type { FormConfigMap } from '../../schemas/lead.ts';
import { createErrorTemplateSource } from './error-template-source.ts';
import { createFormRulesSource } from './form-rules-source.ts';
import { problemResponse } from './lead-responses.ts';
import { htmlContext, localeOf } from './posted-context.ts';
import { readBody } from './read-body.ts';

/**
 * The lead function's 503 for a visitor without JavaScript while its configuration is broken
 * (`configuredHandler`): the same error page as any other no-JS refusal, in the language of the
 * page they came from, with what they typed in a form to resend once the site is fixed. It reads
 * only the build's bundled files (`readFormRules`, `readErrorPages`), never the environment that
 * failed; whatever of those is missing, the page is plainer, never absent.
 */
export function createUnavailablePage(options: {
  readFormRules: () => Promise<unknown>;
  readErrorPages: () => Promise<unknown>;
  log?: (message: string) => void;
}) {
  const formRules = createFormRulesSource(options.readFormRules, options.log ?? console.error);
  const templates = createErrorTemplateSource(options.readErrorPages);
  return async (request: Request): Promise<Response> => {
    const body = await readBody(request);
    const posted = body.ok ? body.data : {};
    const forms: FormConfigMap = await formRules.load().catch(() => ({}));
    const locale = localeOf(posted);
    const template = await templates(locale);
    const problem = {
      status: 503,
      error: 'unavailable',
      message: problemMessages[locale].unavailable,
      headers: { 'Retry-After': '60' },
    };
    return problemResponse(problem, { ...htmlContext(posted, forms), template });
  };
}
