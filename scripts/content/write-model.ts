/**
 * Writes the content model (src/schemas/content-model.ts) into the embedded space export, so the
 * file stays importable into a real Contentful space after a model change.
 * Usage: npm run content:model [-- path/to/space.json]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { contentModel } from '../../src/schemas/content-model.ts';

const file = process.argv[2] ?? 'content/space.json';
const space = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
const before = JSON.stringify(space.contentTypes ?? []);
space.contentTypes = contentModel;
await writeFile(file, `${JSON.stringify(space, null, 2)}\n`);
console.log(
  before === JSON.stringify(contentModel)
    ? `${file}: content model already up to date`
    : `${file}: wrote ${contentModel.length} content types`,
);
