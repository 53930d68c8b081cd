/**
 * `npm run bench:content [-- --pages 1000 --latency 80 --skip-astro]`: how many requests and how
 * much time loading content from Contentful takes, for a first build and for a rebuild after one
 * edit, with the Sync API loader (ours) and with the approach of Astro's Contentful guide (fetch
 * every entry with `getEntries` on every build). Runs the real SDK against the fake Delivery API
 * (tests/fixtures/fake-cda) with a fixed latency per request. Loader time = sync + `mapSpace`;
 * each loader figure is the median of --runs runs (the machine is shared, so single runs are noisy);
 * unless --skip-astro, also two whole `astro build`s with the Contentful loader.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { mapSpace } from '../src/lib/content/map-space.ts';
import { apiContext, createCdaClient } from '../src/lib/contentful/cda-client.ts';
import { createSdkSyncSource } from '../src/lib/contentful/sdk-sync-source.ts';
import { syncSpace } from '../src/lib/contentful/sync-space.ts';
import type { ContentfulConfig } from '../src/schemas/contentful-env.ts';
import {
  ContentTypeSchema,
  SpaceAssetSchema,
  SpaceEntrySchema,
  SpaceLocaleSchema,
  type SpaceExport,
} from '../src/schemas/space-export.ts';
import {
  configOf,
  embeddedSpace,
  startFakeContentful,
  type FakeContentful,
} from '../tests/fixtures/fake-cda/index.ts';
import { buildSite } from '../tests/fixtures/fake-cda/site-build.ts';
import { withSyntheticPages } from './synthetic-space.ts';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '1000' },
    latency: { type: 'string', default: '80' },
    runs: { type: 'string', default: '5' },
    'skip-astro': { type: 'boolean', default: false },
  },
});
const pageCount = Number(values.pages);
const latencyMs = Number(values.latency);
if (!Number.isInteger(pageCount) || pageCount < 1)
  throw new Error(`--pages takes a positive integer, got ${values.pages}`);
if (!Number.isFinite(latencyMs) || latencyMs < 0)
  throw new Error(`--latency takes milliseconds, got ${values.latency}`);
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs takes a positive integer, got ${values.runs}`);

/** Shares feature items, FAQ items and the CTA banner between synthetic pages: ~5 entries per page. */
function leanSyntheticSpace(base: SpaceExport, count: number): SpaceExport {
  const space = withSyntheticPages(base, count);
  const shared = /^bench-(\d+)-(feature-\d|q-\d|cta)$/;
  const toShared = (id: string) => id.replace(shared, 'bench-1-$2');
  const entries = space.entries.filter(
    (entry) => shared.exec(entry.sys.id)?.[1] === undefined || shared.exec(entry.sys.id)?.[1] === '1',
  );
  return JSON.parse(JSON.stringify({ ...space, entries }), (key, value: unknown) =>
    key === 'id' && typeof value === 'string' ? toShared(value) : value,
  ) as SpaceExport;
}

interface Measurement {
  requests: number;
  ms: number;
  pages: number;
}

/** Run `work` against the fake, counting the requests it makes and the wall time. */
async function measure(cms: FakeContentful, work: () => Promise<number>): Promise<Measurement> {
  cms.resetRequests();
  const started = performance.now();
  const pages = await work();
  return { requests: cms.requests.length, ms: Math.round(performance.now() - started), pages };
}

/** Our loader: Sync API from the saved state (or from scratch), then map the whole mirror. */
function syncLoader(config: ContentfulConfig) {
  let saved: string | undefined;
  return async () => {
    const { space, state } = await syncSpace({
      source: createSdkSyncSource(createCdaClient(config, 'delivery'), apiContext(config, 'delivery')),
      sourceKey: 'bench',
      saved,
      log: { info: () => undefined, warn: (line) => console.warn(line) },
    });
    saved = JSON.stringify(state);
    return mapSpace(space).pages.length;
  };
}

/**
 * The guide's approach, completed so it builds the same site: every entry and asset with
 * `getEntries`/`getAssets` (all locales, raw links), page after page, plus locales and content
 * types, then the same mapping. Pages after the first are fetched 4 at a time, to be fair to it.
 */
function getEntriesLoader(config: ContentfulConfig, pageSize: number) {
  return async () => {
    const client = createCdaClient(config, 'delivery');
    const raw = client.withAllLocales.withoutLinkResolution;
    const all = async <T>(fetchPage: (skip: number) => Promise<{ items: T[]; total: number }>) => {
      const first = await fetchPage(0);
      const skips = [];
      for (let skip = pageSize; skip < first.total; skip += pageSize) skips.push(skip);
      const items = [...first.items];
      for (let start = 0; start < skips.length; start += 4)
        for (const page of await Promise.all(skips.slice(start, start + 4).map(fetchPage)))
          items.push(...page.items);
      return items;
    };
    const [locales, contentTypes, entries, assets] = await Promise.all([
      client.getLocales(),
      client.getContentTypes(),
      all((skip) => raw.getEntries({ limit: pageSize, skip })),
      all((skip) => raw.getAssets({ limit: pageSize, skip })),
    ]);
    const space = {
      locales: locales.items.map((item) => SpaceLocaleSchema.parse(item)),
      contentTypes: contentTypes.items.map((item) => ContentTypeSchema.parse(item)),
      entries: entries.map((item) => SpaceEntrySchema.parse(item)),
      assets: assets.map((item) => SpaceAssetSchema.parse(item)),
    };
    return mapSpace(space).pages.length;
  };
}

const base = await embeddedSpace();
const embeddedPages = base.entries.filter((entry) => entry.sys.contentType.sys.id === 'landingPage').length;
const space = leanSyntheticSpace(base, pageCount);
const cms = await startFakeContentful({ space, latencyMs });
const config = configOf(cms);
const editedEntry = `bench-${Math.ceil(pageCount / 2)}-hero`;
let edits = 0;
const editOne = () =>
  cms.update(editedEntry, (fields) => void (fields.heading['en-US'] = `Edited headline ${++edits}`));

console.log(
  `${pageCount} synthetic + ${embeddedPages} embedded landing pages, ${space.entries.length} entries, ${space.assets.length} assets, ${latencyMs} ms per request`,
);
const approaches = [
  { name: 'Sync API (ours)', loader: () => syncLoader(config) },
  { name: 'getEntries, 100 per page (guide; SDK default)', loader: () => getEntriesLoader(config, 100) },
  { name: 'getEntries, 1000 per page (maximum)', loader: () => getEntriesLoader(config, 1000) },
];
const median = (measurements: Measurement[]): Measurement => {
  const sorted = [...measurements].sort((a, b) => a.ms - b.ms);
  return sorted[Math.floor(sorted.length / 2)];
};
const loader: Record<string, { first: Measurement; rebuild: Measurement }> = {};
for (const approach of approaches) {
  process.stdout.write(`${approach.name}: ${runs} × (first build, then a rebuild after one edit) ... `);
  const firsts: Measurement[] = [];
  const rebuilds: Measurement[] = [];
  for (let run = 0; run < runs; run += 1) {
    const load = approach.loader();
    firsts.push(await measure(cms, load));
    editOne();
    rebuilds.push(await measure(cms, load));
  }
  console.log('done');
  loader[approach.name] = { first: median(firsts), rebuild: median(rebuilds) };
}

let astroBuild: { first: Measurement; rebuild: Measurement } | undefined;
if (!values['skip-astro']) {
  const work = 'bench/tmp/content';
  await rm(work, { recursive: true, force: true });
  const astro = async (outDir: string) => {
    cms.resetRequests();
    const result = await buildSite({
      env: cms.env(),
      outDir: `${work}/${outDir}`,
      cacheDir: `${work}/cache`,
    });
    if (result.status !== 0) throw new Error(`astro build failed:\n${result.output.slice(-3000)}`);
    const line = /Contentful: (full|delta) sync.*/.exec(result.output)?.[0] ?? '';
    const built = /(\d+) page\(s\) built/.exec(result.output)?.[1];
    console.log(`  ${line}; astro build ${(result.ms / 1000).toFixed(1)} s`);
    return { requests: cms.requests.length, ms: Math.round(result.ms), pages: Number(built ?? 0) };
  };
  console.log('astro build with the Contentful loader (waits for the Astro lock):');
  const first = await astro('first');
  editOne();
  const rebuild = await astro('rebuild');
  astroBuild = { first, rebuild };
  await rm(work, { recursive: true, force: true });
}
await cms.close();

const measured = { ...loader, ...(astroBuild ? { 'astro build + Sync API loader': astroBuild } : {}) };
const rows = Object.entries(measured).flatMap(([name, { first, rebuild }]) => [
  { approach: name, build: 'first', requests: first.requests, 'wall ms': first.ms },
  { approach: name, build: 'rebuild after 1 edit', requests: rebuild.requests, 'wall ms': rebuild.ms },
]);
console.table(rows);
const ours = loader['Sync API (ours)'].rebuild;
const ratios = Object.fromEntries(
  approaches.slice(1).map(({ name }) => [
    name,
    {
      fewerRequests: +(loader[name].rebuild.requests / ours.requests).toFixed(1),
      faster: +(loader[name].rebuild.ms / ours.ms).toFixed(1),
    },
  ]),
);
for (const [name, ratio] of Object.entries(ratios))
  console.log(`rebuild vs ${name}: ${ratio.fewerRequests}× fewer requests, ${ratio.faster}× faster`);

const report = {
  benchmark: 'content',
  measuredAt: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  measured:
    'loader = Sync API or getEntries + mapSpace, through the real SDK; astroBuild = whole astro build',
  space: {
    landingPages: pageCount + embeddedPages,
    entries: space.entries.length,
    assets: space.assets.length,
  },
  latencyMsPerRequest: latencyMs,
  runsPerLoaderFigure: runs,
  loader,
  astroBuild,
  rebuildRatios: ratios,
};
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/content.json', `${JSON.stringify(report, null, 2)}\n`);
console.log(
  'written to bench/results/content.json · target: rebuild ≥ 10× fewer requests than the full refetch, and faster',
);
