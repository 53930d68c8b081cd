/**
 * The site a local load test hits, in its own process so the load generator, the delivery worker
 * and the dev CRM do not share its event loop (they would slow it down and blur its latencies).
 * Usage: node scripts/campaigns/loadtest-server.ts <blobs directory>. Prints one JSON line,
 * `{ url, blobs }`, once it listens; stops on SIGTERM.
 */
import { startLocalServer } from '../lib/local-server.ts';

const blobsDirectory = process.argv[2];
if (!blobsDirectory) throw new Error('usage: node scripts/campaigns/loadtest-server.ts <blobs directory>');
const server = await startLocalServer({ blobsDirectory });
console.log(JSON.stringify({ url: server.url, blobs: server.blobs }));
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
