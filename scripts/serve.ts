/**
 * `npm start`: serve the built site, its functions and Blobs on localhost through Netlify's local
 * emulation. Usage: npm start (builds first) · npm run serve -- --port 8888
 */
import { parseArgs } from 'node:util';
import { startLocalServer } from './lib/local-server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8888' },
    quiet: { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  throw new Error(`--port must be a port number, got "${values.port}"`);

const server = await startLocalServer({
  port,
  onRequest: values.quiet
    ? undefined
    : ({ method, path, status, servedBy, ms }) =>
        console.log(`${method} ${path} ${status} ${servedBy} ${ms.toFixed(1)} ms`),
});
console.log(`Floodgate is running at ${server.url}/ (Ctrl+C to stop)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
