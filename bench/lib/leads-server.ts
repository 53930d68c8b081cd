/**
 * The server `bench:leads` measures, in its own process so the load generator does not share its
 * event loop: the local server (`npm start`'s) with Blobs in a throwaway directory, plus one extra
 * route, `POST /__bench/accept`, that reads the body and answers a constant 202 through the same
 * HTTP and function plumbing. That route is the ceiling: what this machine can do with no
 * validation and no store. And `POST /__bench/leads-memory`: the lead endpoint's own logic with a
 * queue that keeps nothing, which separates what our code costs from what the store costs.
 * Prints one JSON line `{ url, blobs }` once it listens.
 */
import { readFile } from 'node:fs/promises';
import { startLocalServer } from '../../scripts/lib/local-server.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { defaultFormRulesFile } from '../../src/lib/leads/form-rules-source.ts';
import { createLeadEndpoint } from '../../src/lib/leads/lead-endpoint.ts';
import { createMemoryLeadQueue } from '../../src/lib/queue/memory-lead-queue.ts';
import { LeadIntakeEnvSchema } from '../../src/schemas/lead.ts';

const blobsDirectory = process.argv[2];
if (!blobsDirectory) throw new Error('usage: node bench/lib/leads-server.ts <blobs directory>');

let accepted = 0;
const env = parseEnv(LeadIntakeEnvSchema, process.env, 'bench:leads');
// Keeps nothing: this route measures the endpoint's own work, not a heap filling with leads.
let discarded = 0;
const memoryQueue = {
  ...createMemoryLeadQueue({ now: Date.now, random: Math.random }),
  enqueue: async () => ({ id: `discarded-${++discarded}`, duplicate: false }),
};
const server = await startLocalServer({
  blobsDirectory,
  extraFunctions: [
    {
      name: 'bench-accept',
      patterns: [new URLPattern({ pathname: '/__bench/accept' })],
      handler: async (request) => {
        await request.text();
        accepted += 1;
        return new Response(JSON.stringify({ id: `ceiling-${accepted}` }), {
          status: 202,
          headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
        });
      },
    },
    {
      name: 'bench-leads-memory',
      patterns: [new URLPattern({ pathname: '/__bench/leads-memory' })],
      handler: createLeadEndpoint({
        env,
        queues: () => ({ queue: memoryQueue, spamQueue: memoryQueue }),
        readFormRules: async () => JSON.parse(await readFile(defaultFormRulesFile, 'utf8')),
      }),
    },
  ],
});
console.log(JSON.stringify({ url: server.url, blobs: server.blobs }));
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
