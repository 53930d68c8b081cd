import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { localeCodes } from '../schemas/locales.ts';
import { writeBundledJson, writeFormRulesFile } from '../lib/leads/write-form-rules.ts';
import { FormConfigMapSchema } from '../schemas/lead.ts';

/** The prerendered route (`src/pages/lead-forms.json.ts`) the rules are computed in. */
const builtRules = 'lead-forms.json';
/** The prerendered no-JS error page templates (`src/pages/lead-error/[locale].astro`). */
const builtErrorPages = 'lead-error/';

/** Where the error page templates go: beside the form rules (`.floodgate/error-pages.json`). */
export const errorPagesFileBeside = (formRulesFile: string) =>
  join(dirname(formRulesFile), 'error-pages.json');

/**
 * Moves the form rules the build computed from content out of the published site into `file`, and
 * the no-JS error page templates beside it, which the lead function imports, so Netlify bundles
 * them with it: the function never fetches them, and no request can choose where they come from. The rules are computed in a prerendered
 * route because that is where the content collections are available.
 */
export function bundledFormRules(options: { file: string }): AstroIntegration {
  return {
    name: 'floodgate:form-rules',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const built = new URL(builtRules, dir);
        const rules = FormConfigMapSchema.parse(JSON.parse(await readFile(built, 'utf8')));
        await writeFormRulesFile(options.file, rules);
        await rm(built);
        const count = Object.keys(rules).length;
        logger.info(`rules of ${count} lead forms written to ${options.file} for the lead function`);
        // The error page templates travel the same way: bundled, never fetched from "our" origin.
        const pagesDir = new URL(builtErrorPages, dir);
        const pages = Object.fromEntries(
          await Promise.all(
            localeCodes.map(async (locale): Promise<[string, string]> => [
              locale,
              await readFile(new URL(`${locale}/index.html`, pagesDir), 'utf8'),
            ]),
          ),
        );
        await writeBundledJson(errorPagesFileBeside(options.file), pages);
        await rm(pagesDir, { recursive: true });
      },
    },
  };
}
