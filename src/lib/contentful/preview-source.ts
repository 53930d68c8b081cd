import { ContentfulEnvSchema, type ContentSource } from '../../schemas/contentful-env.ts';
import { parseEnv } from '../env/parse-env.ts';

let parsed: ContentSource | Error | undefined;

/** The preview function's content source, parsed once per process (an Error if the variables are wrong). */
export function previewContentSource(
  env: Record<string, string | undefined> = process.env,
): ContentSource | Error {
  if (parsed === undefined) {
    try {
      parsed = parseEnv(ContentfulEnvSchema, env, 'the draft preview');
    } catch (error) {
      parsed = error instanceof Error ? error : new Error(String(error));
    }
  }
  return parsed;
}
