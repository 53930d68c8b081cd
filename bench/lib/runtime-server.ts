/**
 * The server `bench:local-runtime` measures, in its own process: `npm start`'s local server with
 * its database in a throwaway directory and functions hosted as `BENCH_FUNCTIONS_HOST` says
 * (`warm` or `netlify`). `BENCH_SERVER_MODULE` may point at another build of the local server (the
 * previous commit's, to compare). Prints one JSON line `{ url, database }` once it listens.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { startLocalServer as Start } from '../../scripts/lib/local-server.ts';

const databaseDirectory = process.argv[2];
if (!databaseDirectory) throw new Error('usage: node bench/lib/runtime-server.ts <database directory>');
const modulePath = resolve(process.env.BENCH_SERVER_MODULE ?? 'scripts/lib/local-server.ts');
const { startLocalServer } = (await import(pathToFileURL(modulePath).href)) as {
  startLocalServer: typeof Start;
};
const functionsHost = process.env.BENCH_FUNCTIONS_HOST === 'netlify' ? 'netlify' : 'warm';
const server = await startLocalServer({ databaseDirectory, functionsHost });
console.log(JSON.stringify({ url: server.url, database: server.database }));
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
