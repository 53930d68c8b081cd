import { FormConfigMapSchema, type FormConfigMap } from '../../schemas/lead.ts';

/** The form rules the build bundled with the lead function, once per instance. */
export interface FormRulesSource {
  load(): Promise<FormConfigMap>;
}

/** Where the build writes the form rules that the lead function bundles (see `BuildEnvSchema`). */
export const defaultFormRulesFile = '.floodgate/form-rules.json';

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

/**
 * Reads the form rules the build produced (`read` imports the bundled file) and keeps them for
 * the life of the instance. Nothing here sees the request: no Host header, no network, so a forged
 * request cannot make the instance judge posts by another site's rules. A failed read (no build
 * yet, a malformed file) is logged with its reason and tried again on the next request.
 */
export function createFormRulesSource(
  read: () => Promise<unknown>,
  log: (message: string) => void,
): FormRulesSource {
  let loaded: Promise<FormConfigMap> | undefined;
  return {
    load() {
      loaded ??= read()
        .then((json) => FormConfigMapSchema.parse(json))
        .catch((error: unknown) => {
          loaded = undefined;
          log(
            `lead function: no form rules from the build (${reasonOf(error)}); answering 503 until ` +
              `a build writes ${defaultFormRulesFile} (npm run build)`,
          );
          throw error;
        });
      return loaded;
    },
  };
}
