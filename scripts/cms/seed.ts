/**
 * `npm run cms:seed`: import the embedded demo space (content/space.json, images from public/)
 * into an empty Contentful space, publishing every asset and entry under its own id. Refuses a
 * space that has any entries or assets. Run `npm run cms:model` first.
 * Needs CONTENTFUL_MANAGEMENT_TOKEN and CONTENTFUL_SPACE_ID (CONTENTFUL_ENVIRONMENT: master).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createManagementClient } from '../../src/lib/contentful/management-client.ts';
import { seedSpace } from '../../src/lib/contentful/seed-space.ts';
import { ContentfulManagementEnvSchema } from '../../src/schemas/contentful-management-env.ts';
import { SpaceExportSchema } from '../../src/schemas/space-export.ts';
import { commandSettings } from '../cli/settings.ts';

const env = commandSettings(ContentfulManagementEnvSchema, 'npm run cms:seed');
const space = SpaceExportSchema.parse(JSON.parse(await readFile('content/space.json', 'utf8')));
console.log(
  `content/space.json → space ${env.CONTENTFUL_SPACE_ID}, environment ${env.CONTENTFUL_ENVIRONMENT}`,
);
const seeded = await seedSpace(createManagementClient(env), space, {
  // Asset URLs in the export are site paths such as /images/hero.svg, served from public/.
  readFile: async (sitePath) => {
    const file = await readFile(join('public', sitePath));
    return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
  },
  print: (line) => console.log(line),
});
console.log(
  `Seeded ${seeded.assets} assets and ${seeded.entries} entries. Build with the CONTENTFUL_* variables set.`,
);
