import type { ContentTypeProps, PlainClientAPI } from 'contentful-management';
import type { ContentType, SpaceLocale } from '../../schemas/space-export.ts';
import { planContentType, type RemoteContentType } from './content-type-diff.ts';

export interface ModelSummary {
  created: string[];
  updated: string[];
  published: string[];
  unchanged: string[];
}

/**
 * Make the space's locales and content types match the model in code, idempotently: create what
 * is missing, update what differs, publish, and leave the rest alone. Prints one line per type.
 */
export async function applyContentModel(
  client: PlainClientAPI,
  model: ContentType[],
  locales: SpaceLocale[],
  print: (line: string) => void,
): Promise<ModelSummary> {
  await ensureLocales(client, locales, print);
  const { items } = await client.contentType.getMany({ query: { limit: 1000 } });
  const existing = new Map(items.map((item) => [item.sys.id, item]));
  const summary: ModelSummary = { created: [], updated: [], published: [], unchanged: [] };
  for (const desired of model) {
    const current = existing.get(desired.sys.id);
    const plan = planContentType(desired, current as unknown as RemoteContentType | undefined);
    let saved: ContentTypeProps | undefined;
    // `as never`: the body is our own model (checked against the zod schemas by a unit test);
    // the SDK's field type lists every field shape Contentful has, which ours is a subset of.
    if (plan.action === 'create') {
      saved = await client.contentType.createWithId({ contentTypeId: plan.id }, plan.body as never);
      summary.created.push(plan.id);
    } else if (plan.action === 'update') {
      saved = await client.contentType.update({ contentTypeId: plan.id }, {
        ...current!,
        ...plan.body,
      } as never);
      summary.updated.push(plan.id);
    } else if (plan.action === 'publish') {
      saved = current;
      summary.published.push(plan.id);
    } else {
      summary.unchanged.push(plan.id);
    }
    if (saved) await client.contentType.publish({ contentTypeId: plan.id }, saved);
    print(
      `${plan.action.padEnd(9)} ${plan.id}${plan.changes.map((change) => `\n            ${change}`).join('')}`,
    );
    for (const field of plan.kept)
      print(`  note: ${plan.id} › ${field} is in Contentful but not in the model; left as it is`);
  }
  return summary;
}

/** The site's locales must exist, with the same default; missing ones are created with their fallback. */
async function ensureLocales(client: PlainClientAPI, locales: SpaceLocale[], print: (line: string) => void) {
  const { items } = await client.locale.getMany({ query: {} });
  const wantedDefault = locales.find((locale) => locale.default)?.code;
  const actualDefault = items.find((locale) => locale.default)?.code;
  if (wantedDefault && actualDefault && wantedDefault !== actualDefault)
    throw new Error(
      `The space's default locale is ${actualDefault}, but the site's is ${wantedDefault}; change it in Settings › Locales first`,
    );
  for (const locale of locales) {
    if (items.some((item) => item.code === locale.code)) continue;
    // `as never`: the SDK's create type also asks for API visibility flags, which default on.
    await client.locale.create({}, {
      name: locale.name,
      code: locale.code,
      fallbackCode: locale.fallbackCode ?? undefined,
      optional: true,
    } as never);
    print(`created   locale ${locale.code} (falls back to ${locale.fallbackCode ?? 'nothing'})`);
  }
}
