import type { z } from 'zod';

/**
 * A file the build bundled with the function (`import()`ed by the function itself), parsed once per
 * instance. Missing or malformed (no build yet, an old build): undefined, logged once, and the
 * page says so; it never takes /ops/ down.
 */
export function bundledFile<Schema extends z.ZodType>(
  name: string,
  read: () => Promise<unknown>,
  schema: Schema,
  log: (event: { event: string } & Record<string, unknown>) => void,
): () => Promise<z.infer<Schema> | undefined> {
  let loaded: Promise<z.infer<Schema> | undefined> | undefined;
  return () =>
    (loaded ??= read()
      .then((json) => schema.parse(json))
      .catch((error: unknown) => {
        const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
        log({ event: 'ops.bundle-missing', file: name, reason: reason?.slice(0, 200) });
        return undefined;
      }));
}
