import { readFile, rm } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { writeFormRulesFile } from '../lib/leads/write-form-rules.ts';
import { FormConfigMapSchema } from '../schemas/lead.ts';

/** The prerendered route (`src/pages/lead-forms.json.ts`) the rules are computed in. */
const builtRules = 'lead-forms.json';

/**
 * Moves the form rules the build computed from content out of the published site into `file`,
 * which the lead function imports, so Netlify bundles them with it: the function never fetches its
 * rules, and no request can choose where they come from. The rules are computed in a prerendered
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
      },
    },
  };
}
