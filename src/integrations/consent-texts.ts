import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { ConsentTextsSchema } from '../schemas/consent-text.ts';
import { writeBundledJson } from '../lib/leads/write-form-rules.ts';

/** The prerendered route (`src/pages/consent-texts.json.ts`) the texts are computed in. */
const builtTexts = 'consent-texts.json';

/** Where the consent texts go: beside the form rules (`.floodgate/consent-texts.json`). */
export const consentTextsFileBeside = (formRulesFile: string) =>
  join(dirname(formRulesFile), 'consent-texts.json');

/**
 * Moves the consent texts the build rendered out of the published site to beside the form rules,
 * where the lead function and the drainer bundle them (like the form rules: never fetched), and
 * `npm start`, `db:migrate` and `leads:drain` read them. See docs/consent.md.
 */
export function bundledConsentTexts(options: { formRulesFile: string }): AstroIntegration {
  return {
    name: 'floodgate:consent-texts',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const built = new URL(builtTexts, dir);
        const texts = ConsentTextsSchema.parse(JSON.parse(await readFile(built, 'utf8')));
        const file = consentTextsFileBeside(options.formRulesFile);
        await writeBundledJson(file, texts);
        await rm(built);
        logger.info(`${texts.length} consent texts written to ${file} (each stored once: docs/consent.md)`);
      },
    },
  };
}
