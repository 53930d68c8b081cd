import { fileURLToPath } from 'node:url';
import { routingPath } from './request-url.ts';

/** Which request paths a site's functions declare. */
export interface FunctionRoutes {
  matches(pathname: string): boolean;
}

/**
 * The routes of the functions in `directory`, read the way Netlify reads them (zip-it-and-ship-it
 * parses each function's in-source `config.path` without running it), plus each function's default
 * `/.netlify/functions/<name>`. Read once at start: a function added later needs a restart.
 */
export async function readFunctionRoutes(directory: URL): Promise<FunctionRoutes> {
  const { listFunctions } = await import('@netlify/zip-it-and-ship-it');
  const functions = await listFunctions(fileURLToPath(directory), { parseISC: true });
  const patterns = functions.flatMap((fn) => [
    ...(fn.routes ?? []).map((route) => new URLPattern({ pathname: routingPath(route.pattern) })),
    new URLPattern({ pathname: `/.netlify/functions/${fn.name}` }),
  ]);
  return {
    matches: (pathname) => patterns.some((pattern) => pattern.test({ pathname: routingPath(pathname) })),
  };
}
