/**
 * The server `bench:leads` measures, in its own process so the load generator does not share its
 * event loop: the local server (`npm start`'s) with its database in a throwaway directory (or `BENCH_DB_URL`), plus one extra
 * route, `POST /__bench/accept`, that reads the body and answers a constant 202 through the same
 * HTTP and function plumbing. That route is the ceiling: what this machine can do with no
 * validation and no store. And `POST /__bench/leads-memory`: the lead endpoint's own logic with a
 * queue that keeps nothing, which separates what our code costs from what the store costs.
 * `GET /__bench/round-trips` counts the statements this process sent to the database (node-postgres
 * queries: round trips), for "round trips per accepted lead" on any store: all of them, and the lead
 * function's own (`intake`). The process also hosts the background drainer the intake wakes
 * (`--drainer`), whose claims and acks are not the intake's: `/api/leads` is served by the real
 * lead function run inside an AsyncLocalStorage context, and a statement counts as the intake's
 * when the lead function sends it (pool queries, the only kind it sends: each is one statement).
 * Prints one JSON line `{ url, database }` once it listens.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import leadFunction, { config as leadFunctionConfig } from '../../netlify/functions/leads.mts';
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
let intakeRoundTrips = 0;
// Every statement the functions send goes through node-postgres' Client (both drivers of
// @netlify/database pool it): counting here sees each round trip, whatever the store.
// eslint-disable-next-line @typescript-eslint/unbound-method -- re-bound to each client below
const sendQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: Parameters<typeof sendQuery>) {
  roundTrips += 1;
  return sendQuery.apply(this, args);
} as typeof sendQuery;
// The lead function's own statements. Counted where the function calls the pool, in its own async
// context: the Client call behind it may run in whichever context released a pooled connection
// (a drainer's, when the pool is busy), so the Client level cannot tell whose statement it is.
const inIntake = new AsyncLocalStorage<true>();
// eslint-disable-next-line @typescript-eslint/unbound-method -- re-bound to each pool below
const poolQuery = pg.Pool.prototype.query;
pg.Pool.prototype.query = function (this: pg.Pool, ...args: Parameters<typeof poolQuery>) {
  if (inIntake.getStore()) intakeRoundTrips += 1;
  return poolQuery.apply(this, args);
} as typeof poolQuery;
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
    // The real lead function (the same module instance the server loads for /api/leads), run in
    // the context that marks its statements as the intake's.
    {
      name: 'leads',
      patterns: [new URLPattern({ pathname: leadFunctionConfig.path as string })],
      handler: (request, context) => inIntake.run(true, () => leadFunction(request, context)),
    },
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
      handler: async () => Response.json({ roundTrips, intakeRoundTrips }),
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
