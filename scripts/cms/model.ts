/**
 * `npm run cms:model`: create or update the space's locales and content types from the model in
 * code (src/schemas/content-model.ts), publish them, and print what changed. Safe to run again:
 * an up-to-date space reports every type as unchanged. Fields only the space has are kept.
 * Needs CONTENTFUL_MANAGEMENT_TOKEN and CONTENTFUL_SPACE_ID (CONTENTFUL_ENVIRONMENT: master).
 */
import { readFile } from 'node:fs/promises';
import { applyContentModel } from '../../src/lib/contentful/apply-model.ts';
import { createManagementClient } from '../../src/lib/contentful/management-client.ts';
import { contentModel } from '../../src/schemas/content-model.ts';
import { ContentfulManagementEnvSchema } from '../../src/schemas/contentful-management-env.ts';
import { SpaceExportSchema } from '../../src/schemas/space-export.ts';
import { commandSettings } from '../cli/settings.ts';

const env = commandSettings(ContentfulManagementEnvSchema, 'npm run cms:model');
const { locales } = SpaceExportSchema.parse(JSON.parse(await readFile('content/space.json', 'utf8')));
console.log(`Content model → space ${env.CONTENTFUL_SPACE_ID}, environment ${env.CONTENTFUL_ENVIRONMENT}`);
const summary = await applyContentModel(createManagementClient(env), contentModel, locales, (line) =>
  console.log(line),
);
console.log(
  `${summary.created.length} created, ${summary.updated.length} updated, ${summary.published.length} published, ${summary.unchanged.length} unchanged`,
);
