import { barePage } from '../http/bare-page.ts';
import { wantsHtml } from '../http/wants-html.ts';
import { ConfigurationError } from './parse-env.ts';

type Handler<Args extends unknown[]> = (...args: Args) => Promise<Response> | Response;

/** What `setup` may return: the function's handler, or `off` for an optional feature not configured. */
export type Setup<Args extends unknown[]> = () => Handler<Args> | 'off';

const plainPage = (message: string) =>
  barePage('en', message, `      <h1>${message}</h1>\n      <p><a href="/">Home</a></p>`);

/** The generic answer, as a page for a browser (see `wantsHtml`) and as JSON for everything else. */
const generic = (status: 404 | 503, error: string, message: string, request: unknown) => {
  const html = request instanceof Request && wantsHtml(request);
  return new Response(html ? plainPage(message) : JSON.stringify({ error, message }), {
    status,
    headers: {
      'Content-Type': html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...(status === 503 ? { 'Retry-After': '60' } : {}),
    },
  });
};

/**
 * A function whose configuration is read on its first request instead of at import: a missing or
 * malformed variable then answers 503 with a generic body (an optional feature that is off: 404)
 * and names the variable in the log once per instance, where an import-time throw would have been
 * a 500 with a stack trace and file paths in the body under some runtimes. `npm run check:env`
 * and the build catch the same mistakes before a deploy; this is what is left if one slips past.
 */
export function configuredHandler<Args extends unknown[]>(
  purpose: string,
  setup: Setup<Args>,
  options: {
    /** Answers instead of the 404/503 (the webhook: what it answers an unsigned caller). */
    unconfigured?: Handler<Args>;
    /**
     * The 503 for a request that wants a page (a form post without JavaScript, a browser): the
     * lead function's error page in the visitor's language with their post to resend; without
     * it, a plain page. Must not read the configuration that failed.
     */
    unavailablePage?: (request: Request) => Promise<Response>;
    log?: (message: string) => void;
  } = {},
): Handler<Args> {
  const log = options.log ?? console.error;
  let ready: Handler<Args> | 'off' | 'broken' | undefined;
  const start = () => {
    try {
      return setup();
    } catch (error) {
      // Names and classes only: a variable's value may be a secret, an error's text a connection URL.
      const cause =
        error instanceof ConfigurationError
          ? `invalid or missing ${error.variables.join(', ')} (npm run check:env names what to set)`
          : `start-up failed (${error instanceof Error ? error.name : typeof error})`;
      log(`${purpose}: ${cause}; answering 503 until the configuration is fixed and redeployed`);
      return 'broken' as const;
    }
  };
  return async (...args) => {
    ready ??= start();
    if ((ready === 'off' || ready === 'broken') && options.unconfigured) return options.unconfigured(...args);
    const [request] = args;
    if (ready === 'off') return generic(404, 'not_found', 'Not found.', request);
    if (ready === 'broken' && options.unavailablePage && request instanceof Request && wantsHtml(request))
      // A page that cannot be drawn (its own files missing) is still a 503, never a 500.
      return options
        .unavailablePage(request)
        .catch(() => generic(503, 'unavailable', 'This service is unavailable just now.', request));
    if (ready === 'broken')
      return generic(503, 'unavailable', 'This service is unavailable just now.', request);
    return ready(...args);
  };
}
