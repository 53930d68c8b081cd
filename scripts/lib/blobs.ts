import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { getStore, type Store } from '@netlify/blobs';
import { BlobsServer } from '@netlify/blobs/server';
import { z } from 'zod';
import { parseEnv } from '../../src/lib/env/parse-env.ts';

/** An open Blobs store for a command-line script, and how to let go of it. */
export interface ScriptStore {
  store: Store;
  /** `local (<directory>)` or `Netlify site <id>`: printed so an operator knows which data they see. */
  describe: string;
  close: () => Promise<void>;
}

const ScriptBlobsEnvSchema = z
  .object({
    NETLIFY_SITE_ID: z.string().optional(),
    NETLIFY_AUTH_TOKEN: z.string().optional(),
  })
  .refine((env) => Boolean(env.NETLIFY_SITE_ID) === Boolean(env.NETLIFY_AUTH_TOKEN), {
    message:
      'set both NETLIFY_SITE_ID and NETLIFY_AUTH_TOKEN to reach a deployed site, or neither for local data',
    path: ['NETLIFY_SITE_ID'],
  });

/**
 * Before Netlify Database, the local server (`npm start`) kept the lead queue in Blobs under
 * `.netlify/blobs-serve` for the site `0`. Only the upgrade (`npm run leads:migrate-from-blobs`)
 * still reads it.
 */
export const LOCAL_BLOBS_DIRECTORY = '.netlify/blobs-serve';
export const LOCAL_SITE_ID = '0';

/** Where a local `BlobsServer` answers and how to authenticate to it. */
export interface LocalBlobsEndpoint {
  url: string;
  token: string;
  siteID: string;
}

/** A strongly consistent store on a local Blobs server; pass `fetch` to inject faults. */
export function localBlobsStore(
  endpoint: LocalBlobsEndpoint,
  name: string,
  options: { fetch?: typeof globalThis.fetch } = {},
): Store {
  const { url, token, siteID } = endpoint;
  return getStore({
    name,
    siteID,
    token,
    edgeURL: url,
    uncachedEdgeURL: url,
    consistency: 'strong',
    ...options,
  });
}

/**
 * Open the store `name` of the deployed site when `NETLIFY_SITE_ID` and `NETLIFY_AUTH_TOKEN` are
 * set, otherwise the local data of `npm start` in `projectRoot`.
 */
export async function openScriptStore(
  name: string,
  options: { projectRoot?: string; env?: Record<string, string | undefined> } = {},
): Promise<ScriptStore> {
  const env = parseEnv(ScriptBlobsEnvSchema, options.env ?? process.env, 'reaching Netlify Blobs');
  if (env.NETLIFY_SITE_ID && env.NETLIFY_AUTH_TOKEN) {
    return {
      store: getStore({
        name,
        siteID: env.NETLIFY_SITE_ID,
        token: env.NETLIFY_AUTH_TOKEN,
        consistency: 'strong',
      }),
      describe: `Netlify site ${env.NETLIFY_SITE_ID}`,
      close: async () => {},
    };
  }
  const directory = resolve(options.projectRoot ?? '.', LOCAL_BLOBS_DIRECTORY);
  const token = randomUUID();
  const server = new BlobsServer({ directory, token, port: 0 });
  const { port } = await server.start();
  return {
    store: localBlobsStore({ url: `http://127.0.0.1:${port}`, token, siteID: LOCAL_SITE_ID }, name),
    describe: `local (${directory})`,
    close: () => server.stop(),
  };
}

/** Read a whole store by key prefix, in key order: what the Blobs-to-database upgrade reads. */
export function blobsReaderFor(store: Store): {
  keys(prefix: string): Promise<string[]>;
  json(key: string): Promise<unknown>;
} {
  return {
    async keys(prefix) {
      const found: string[] = [];
      for await (const page of store.list({ prefix, paginate: true })) {
        found.push(...page.blobs.map((blob) => blob.key));
      }
      return found.sort();
    },
    json: (key) => store.get(key, { type: 'json' }),
  };
}
