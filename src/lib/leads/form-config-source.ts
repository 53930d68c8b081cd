import { FormConfigMapSchema, type FormConfigMap } from '../../schemas/lead.ts';

/** Path of the build's form rules (`src/pages/lead-forms.json.ts`), on the same deploy as the form. */
export const formConfigPath = '/lead-forms.json';

/** Loads the form rules once per function instance; a failed load is retried on the next request. */
export interface FormConfigSource {
  load(siteOrigin: string): Promise<FormConfigMap>;
}

/**
 * Reads the form rules the build published and keeps them for the life of the instance. Each
 * deploy's function reads its own deploy's file (the request's origin), so content and the rules
 * the endpoint applies always come from the same build.
 */
export function createFormConfigSource(fetchJson: (url: URL) => Promise<unknown>): FormConfigSource {
  let loaded: Promise<FormConfigMap> | undefined;
  return {
    load(siteOrigin) {
      loaded ??= fetchJson(new URL(formConfigPath, siteOrigin))
        .then((json) => FormConfigMapSchema.parse(json))
        .catch((error: unknown) => {
          loaded = undefined;
          throw error;
        });
      return loaded;
    },
  };
}

/** `fetch` a JSON document, failing on any non-2xx answer. */
export async function fetchJsonDocument(url: URL, timeoutMs = 3000): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`GET ${url.pathname} answered ${response.status}`);
  return response.json();
}
