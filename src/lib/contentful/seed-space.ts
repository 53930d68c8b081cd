import type { PlainClientAPI } from 'contentful-management';
import type { SpaceAsset, SpaceExport } from '../../schemas/space-export.ts';

/** Requests in flight at once: the Content Management API allows about 7 per second. */
const concurrency = 4;

/** The target space already has content; seeding would mix demo content into it. */
export class SpaceNotEmptyError extends Error {
  constructor(entries: number, assets: number) {
    super(
      `The space already has ${entries} entries and ${assets} assets; cms:seed only fills an empty space (an environment you can delete)`,
    );
    this.name = 'SpaceNotEmptyError';
  }
}

/** A file an asset points at: a site path (uploaded from public/) or a URL Contentful fetches itself. */
type AssetSource = { path: string } | { url: string };

/** Where each locale's file of an asset comes from. */
function assetSources(asset: SpaceAsset): Record<string, AssetSource> {
  const files = asset.fields.file ?? {};
  return Object.fromEntries(
    Object.entries(files).map(([locale, file]) => {
      const { url: given } = file as { url?: unknown };
      const url = typeof given === 'string' ? given : '';
      return [
        locale,
        /^(https?:)?\/\//.test(url) ? { url: url.startsWith('//') ? `https:${url}` : url } : { path: url },
      ];
    }),
  );
}

/** The asset's create body, with each locale's file given as an upload id or a URL. */
function assetBody(asset: SpaceAsset, uploads: Record<string, { uploadId: string } | { url: string }>) {
  const fileFields = Object.fromEntries(
    Object.entries(asset.fields.file ?? {}).map(([locale, file]) => {
      const { contentType, fileName } = file as { contentType: string; fileName: string };
      const from = uploads[locale];
      return [
        locale,
        'uploadId' in from
          ? {
              contentType,
              fileName,
              uploadFrom: { sys: { type: 'Link', linkType: 'Upload', id: from.uploadId } },
            }
          : { contentType, fileName, upload: from.url },
      ];
    }),
  );
  return { fields: { ...asset.fields, file: fileFields } };
}

async function inBatches<T>(items: T[], work: (item: T) => Promise<void>, progress: (done: number) => void) {
  for (let start = 0; start < items.length; start += concurrency) {
    await Promise.all(items.slice(start, start + concurrency).map(work));
    progress(Math.min(items.length, start + concurrency));
  }
}

/**
 * Import a space export into an empty space: upload and publish every asset, then create and
 * publish every entry under its own id (so links keep pointing at the right entries).
 */
export async function seedSpace(
  client: PlainClientAPI,
  space: SpaceExport,
  options: { readFile: (sitePath: string) => Promise<ArrayBuffer>; print: (line: string) => void },
): Promise<{ assets: number; entries: number }> {
  const [entries, assets] = await Promise.all([
    client.entry.getMany({ query: { limit: 1 } }),
    client.asset.getMany({ query: { limit: 1 } }),
  ]);
  if (entries.total > 0 || assets.total > 0) throw new SpaceNotEmptyError(entries.total, assets.total);
  const { items: contentTypes } = await client.contentType.getMany({ query: { limit: 1000 } });
  const published = new Set(
    contentTypes.filter((type) => type.sys.publishedVersion).map((type) => type.sys.id),
  );
  const missing = [...new Set(space.entries.map((entry) => entry.sys.contentType.sys.id))].filter(
    (id) => !published.has(id),
  );
  if (missing.length > 0)
    throw new Error(`The space lacks the content types ${missing.join(', ')}: run npm run cms:model first`);

  await inBatches(
    space.assets,
    async (asset) => {
      const uploads: Record<string, { uploadId: string } | { url: string }> = {};
      for (const [locale, source] of Object.entries(assetSources(asset))) {
        if ('url' in source) uploads[locale] = source;
        else
          uploads[locale] = {
            uploadId: await uploadIdOf(client, await options.readFile(source.path)),
          };
      }
      // `as never`: the file fields carry upload links, a shape the SDK types only loosely.
      const created = await client.asset.createWithId(
        { assetId: asset.sys.id },
        assetBody(asset, uploads) as never,
      );
      const processed = await client.asset.processForAllLocales({}, created);
      await client.asset.publish({ assetId: asset.sys.id }, processed);
    },
    (done) => options.print(`assets   ${done}/${space.assets.length} uploaded and published`),
  );
  await inBatches(
    space.entries,
    async (entry) => {
      const created = await client.entry.createWithId(
        { entryId: entry.sys.id, contentTypeId: entry.sys.contentType.sys.id },
        // The export's fields are already in the Management API's shape.
        { fields: entry.fields },
      );
      await client.entry.publish({ entryId: entry.sys.id }, created);
    },
    (done) => options.print(`entries  ${done}/${space.entries.length} created and published`),
  );
  return { assets: space.assets.length, entries: space.entries.length };
}

/** Upload a file's bytes; the Upload API answers with the upload's id (its SDK types it loosely). */
async function uploadIdOf(
  client: PlainClientAPI,
  file: Parameters<PlainClientAPI['upload']['create']>[1]['file'],
) {
  const upload = (await client.upload.create({}, { file })) as { sys: { id: string } };
  return upload.sys.id;
}
