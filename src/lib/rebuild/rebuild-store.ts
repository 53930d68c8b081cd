import type { Store } from '@netlify/blobs';
import type { z } from 'zod';
import {
  BuildCallSchema,
  RebuildEventSchema,
  type BuildCall,
  type BuiltMarker,
  type RebuildEvent,
  type SealedWindow,
  type WindowClaim,
} from '../../schemas/webhook-records.ts';
import {
  BUILT_PREFIX,
  CALLS_PREFIX,
  EVENTS_PREFIX,
  WINDOWS_PREFIX,
  builtKey,
  callKey,
  callsPrefix,
  claimKey,
  claimsPrefix,
  eventKey,
  parseClaimKey,
  parseEventKey,
  parseWindowId,
  windowKey,
  type EventKey,
  type WindowBounds,
} from './rebuild-keys.ts';

/** A stored build call and the key it lives under. */
export interface StoredBuildCall {
  key: string;
  call: BuildCall;
}

/**
 * Typed access to the rebuild store (a `getStore({ consistency: 'strong' })`, so a list sees every
 * finished write). Planning and claim election read key listings only; record bodies are fetched
 * just for titles and status. Every method throws when the store does.
 */
export interface RebuildStore {
  writeEvent(event: RebuildEvent): Promise<string>;
  listEventKeys(): Promise<EventKey[]>;
  /** The events stored under `keys`, skipping any that vanished or no longer parse. */
  readEvents(keys: readonly string[]): Promise<RebuildEvent[]>;
  listSealedWindows(): Promise<WindowBounds[]>;
  sealWindow(window: SealedWindow): Promise<void>;
  listBuiltWindowIds(): Promise<Set<string>>;
  markBuilt(marker: BuiltMarker): Promise<void>;
  writeClaim(claim: WindowClaim): Promise<void>;
  listClaims(windowId: string): Promise<WindowClaim[]>;
  deleteClaim(claim: WindowClaim): Promise<void>;
  writeCall(call: BuildCall): Promise<string>;
  /** Every build call, oldest first. */
  listCalls(): Promise<StoredBuildCall[]>;
  /** Remove a built window and everything recorded about it. */
  forgetWindow(id: string, eventKeys: readonly string[]): Promise<void>;
}

/** The rebuild store over a Netlify Blobs `store`. */
export function rebuildStore(store: Store): RebuildStore {
  const listKeys = async (prefix: string) => {
    const keys: string[] = [];
    for await (const page of store.list({ prefix, paginate: true }))
      keys.push(...page.blobs.map((b) => b.key));
    // Netlify lists lexicographically; the local server lists in directory order, hence the sort.
    return keys.sort();
  };
  const readParsed = async <T>(schema: z.ZodType<T>, key: string): Promise<T | undefined> => {
    const parsed = schema.safeParse(await store.get(key, { type: 'json' }));
    return parsed.success ? parsed.data : undefined;
  };
  const defined = <T>(items: Array<T | undefined>) => items.filter((item): item is T => item !== undefined);

  return {
    async writeEvent(event) {
      const key = eventKey(event.receivedAt, event.id);
      await store.setJSON(key, event);
      return key;
    },
    listEventKeys: async () => defined((await listKeys(EVENTS_PREFIX)).map(parseEventKey)),
    readEvents: async (keys) =>
      defined(await Promise.all(keys.map((key) => readParsed(RebuildEventSchema, key)))),
    listSealedWindows: async () =>
      defined((await listKeys(WINDOWS_PREFIX)).map((key) => parseWindowId(key.slice(WINDOWS_PREFIX.length)))),
    sealWindow: async (window) => void (await store.setJSON(windowKey(window.id), window)),
    listBuiltWindowIds: async () =>
      new Set((await listKeys(BUILT_PREFIX)).map((key) => key.slice(BUILT_PREFIX.length))),
    markBuilt: async (marker) => void (await store.setJSON(builtKey(marker.windowId), marker)),
    writeClaim: async (claim) =>
      void (await store.setJSON(claimKey(claim.windowId, claim.claimedAt, claim.claimantId), claim)),
    listClaims: async (windowId) =>
      defined((await listKeys(claimsPrefix(windowId))).map((key) => parseClaimKey(windowId, key))),
    deleteClaim: (claim) => store.delete(claimKey(claim.windowId, claim.claimedAt, claim.claimantId)),
    async writeCall(call) {
      const key = callKey(call.windowId, call.startedAt, call.claimantId);
      await store.setJSON(key, call);
      return key;
    },
    async listCalls() {
      const keys = await listKeys(CALLS_PREFIX);
      const calls = await Promise.all(
        keys.map(async (key) => {
          const call = await readParsed(BuildCallSchema, key);
          return call && { key, call };
        }),
      );
      return defined(calls).sort((a, b) => a.call.startedAt - b.call.startedAt);
    },
    async forgetWindow(id, eventKeys) {
      // Events first and the built marker last: an interrupted clean-up leaves a built window
      // with fewer events (harmless), never an unbuilt window that would be built again.
      await Promise.all(eventKeys.map((key) => store.delete(key)));
      const history = [...(await listKeys(claimsPrefix(id))), ...(await listKeys(callsPrefix(id)))];
      await Promise.all(history.map((key) => store.delete(key)));
      await store.delete(windowKey(id));
      await store.delete(builtKey(id));
    },
  };
}
