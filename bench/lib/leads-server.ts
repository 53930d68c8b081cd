/**
 * The server `bench:leads` measures, in its own process so the load generator does not share its
 * event loop: the local server (`npm start`'s) with Blobs in a throwaway directory, plus one extra
 * route, `POST /__bench/accept`, that reads the body and answers a constant 202 through the same
 * HTTP and function plumbing. That route is the ceiling: what this machine can do with no
 * validation and no store.
 * Prints one JSON line `{ url, blobs }` once it listens.
 */
import { startLocalServer } from '../../scripts/lib/local-server.ts';

const blobsDirectory = process.argv[2];
if (!blobsDirectory) throw new Error('usage: node bench/lib/leads-server.ts <blobs directory>');

let accepted = 0;
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
  ],
});
console.log(JSON.stringify({ url: server.url, blobs: server.blobs }));
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
