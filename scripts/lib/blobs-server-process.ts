/**
 * `@netlify/blobs`' local server in a process of its own: `node scripts/lib/blobs-server-process.ts
 * <directory> <token>` prints its port and serves until its stdin closes (so it never outlives the
 * server that started it). In production Blobs is a separate service; keeping it off the
 * functions' event loop makes local latency and throughput figures mean something.
 */
import { BlobsServer } from '@netlify/blobs/server';

const [directory, token] = process.argv.slice(2);
if (!directory || !token) throw new Error('usage: blobs-server-process.ts <directory> <token>');
const server = new BlobsServer({ directory, token, port: 0 });
const { port } = await server.start();
process.stdout.write(`${port}\n`);
const stop = () => void server.stop().finally(() => process.exit(0));
process.stdin.on('end', stop).on('close', stop).resume();
process.once('SIGTERM', stop);
