/**
 * The server `bench:leads` measures, in its own process so the load generator does not share its
 * event loop: the local server (`npm start`'s) with its database in a throwaway directory (or `BENCH_DB_URL`), plus one extra
 * route, `POST /__bench/accept`, that reads the body and answers a constant 202 through the same
 * HTTP and function plumbing. That route is the ceiling: what this machine can do with no
 * validation and no store. And `POST /__bench/leads-memory`: the lead endpoint's own logic with a
 * queue that keeps nothing, which separates what our code costs from what the store costs.
 * `GET /__bench/round-trips` counts the statements this process sent to the database (node-postgres
 * queries: round trips), for "round trips per accepted lead" on any store.
 * Prints one JSON line `{ url, database }` once it listens.
 */
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { startLocalServer } from '../../scripts/lib/local-server.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { defaultFormRulesFile } from '../../src/lib/leads/form-rules-source.ts';
import { createLeadEndpoint } from '../../src/lib/leads/lead-endpoint.ts';
import { recordingLeadQueue } from '../../tests/fixtures/recording-lead-queue.ts';
import { LeadIntakeEnvSchema } from '../../src/schemas/lead.ts';

const databaseDirectory = process.argv[2];
if (!databaseDirectory) throw new Error('usage: node bench/lib/leads-server.ts <database directory>');

let accepted = 0;
let roundTrips = 0;
// Every statement the functions send goes through node-postgres' Client (both drivers of
// @netlify/database pool it): counting here sees each round trip, whatever the store.
// eslint-disable-next-line @typescript-eslint/unbound-method -- re-bound to each client below
const sendQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: Parameters<typeof sendQuery>) {
  roundTrips += 1;
  return sendQuery.apply(this, args);
} as typeof sendQuery;
const env = parseEnv(LeadIntakeEnvSchema, process.env, 'bench:leads');
// Keeps nothing: this route measures the endpoint's own work, not a heap filling with leads.
let discarded = 0;
const discardingQueue = {
  ...recordingLeadQueue().queue,
  enqueue: async () => ({ id: `discarded-${++discarded}`, outcome: 'created' as const }),
};
const server = await startLocalServer({
  databaseDirectory,
  databaseUrl: process.env.BENCH_DB_URL,
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
      name: 'bench-round-trips',
      patterns: [new URLPattern({ pathname: '/__bench/round-trips' })],
      handler: async () => Response.json({ roundTrips }),
    },
    {
      name: 'bench-leads-memory',
      patterns: [new URLPattern({ pathname: '/__bench/leads-memory' })],
      handler: createLeadEndpoint({
        env,
        queue: discardingQueue,
        readFormRules: async (): Promise<unknown> => JSON.parse(await readFile(defaultFormRulesFile, 'utf8')),
      }),
    },
  ],
});
console.log(JSON.stringify({ url: server.url, database: server.database }));
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
