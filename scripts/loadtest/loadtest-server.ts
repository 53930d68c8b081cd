/**
 * The site a local load test hits, in its own process so the load generator, the delivery worker
 * and the dev CRM do not share its event loop (they would slow it down and blur its latencies).
 * Usage: node scripts/loadtest/loadtest-server.ts <database directory>. Prints one JSON line,
 * `{ url, database }`, once it listens; stops on SIGTERM.
 */
import { startLocalServer } from '../lib/local-server.ts';

const databaseDirectory = process.argv[2];
if (!databaseDirectory)
  throw new Error('usage: node scripts/loadtest/loadtest-server.ts <database directory>');
const server = await startLocalServer({ databaseDirectory });
console.log(JSON.stringify({ url: server.url, database: server.database }));
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
