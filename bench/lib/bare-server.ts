/**
 * The bare-server ceiling for `bench:leads`: a plain Node HTTP server that reads the body and answers
 * a constant 202, none of the project's code in between, in its own process. What this machine's
 * HTTP stack can do; the intake is judged against it in the same run. Prints one JSON line `{ url }`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

let accepted = 0;
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    accepted += 1;
    response.writeHead(202, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });
    response.end(JSON.stringify({ id: `bare-${accepted}` }));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
