import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { formConfigsFrom } from '../../src/lib/leads/form-configs.ts';
import { defaultFormRulesFile } from '../../src/lib/leads/form-rules-source.ts';
import { errorPagesFileBeside } from '../../src/integrations/form-rules.ts';
import { consentTextsFileBeside } from '../../src/integrations/consent-texts.ts';
import { siteConsentTexts } from '../../src/lib/consent/site-consent-texts.ts';
import { writeBundledJson, writeFormRulesFile } from '../../src/lib/leads/write-form-rules.ts';
import { SpaceExportSchema } from '../../src/schemas/space-export.ts';

/**
 * Tests import the real lead function, which bundles the form rules a build writes. Before the
 * first build there are none: write them from the embedded content with the build's own code, so
 * `npm run test:unit` works on a fresh clone without a 10-second `astro build`.
 */
export default async function ensureFormRules(): Promise<void> {
  // The error page templates need a real build; without them the function serves its plain page.
  const errorPages = errorPagesFileBeside(defaultFormRulesFile);
  if (!existsSync(errorPages)) await writeBundledJson(errorPages, {});
  const consentTexts = consentTextsFileBeside(defaultFormRulesFile);
  if (existsSync(defaultFormRulesFile) && existsSync(consentTexts)) return;
  const space = SpaceExportSchema.parse(JSON.parse(await readFile('content/space.json', 'utf8')));
  const site = mapSpace(space);
  await writeFormRulesFile(defaultFormRulesFile, formConfigsFrom(site.pages));
  await writeBundledJson(
    consentTexts,
    siteConsentTexts(site.pages, (locale) => site.settings[locale]),
  );
}
