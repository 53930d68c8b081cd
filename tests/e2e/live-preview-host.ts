/**
 * What Contentful's Live Preview looks like from the site's side, on loopback: one server that
 * answers `/preview/*` through the built SSR function (talking to the fake Contentful), serves
 * `dist/` for everything else, and serves `/editor.html`, a stand-in for Contentful's app that
 * frames a preview URL. Open the editor as `http://localhost:PORT` and the preview as
 * `http://127.0.0.1:PORT`: two origins, as in Contentful.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { startFunctionServer, type FunctionServer } from '../fixtures/fake-cda/function-server.ts';

const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.html': 'text/html',
};

/** The editor page: frames the preview and records every message the SDK posts to it. */
const editorPage = `<!doctype html><title>Editor</title>
<script>
  window.received = [];
  addEventListener('message', (event) => window.received.push(event.data));
  const frame = document.createElement('iframe');
  frame.src = new URLSearchParams(location.search).get('preview');
  frame.style.cssText = 'width:1200px;height:800px';
  document.documentElement.append(frame);
</script>`;

export interface LivePreviewHost {
  port: number;
  editorUrl(previewPath: string): string;
  close(): Promise<void>;
}

/** On a port the system picks: a fixed one could be held by another spec's server. */
export async function startLivePreviewHost(env: Record<string, string>): Promise<LivePreviewHost> {
  // Set once the port is known (the function's allowed frame origin names it), before any request.
  const preview: { fn?: FunctionServer } = {};
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const answer = async () => {
      if (url.pathname === '/editor.html')
        return response.writeHead(200, { 'content-type': 'text/html' }).end(editorPage);
      if (url.pathname.startsWith('/preview')) {
        if (!preview.fn) throw new Error('the preview function is not running yet');
        const upstream = await fetch(`${preview.fn.url}${url.pathname}${url.search}`);
        response.writeHead(upstream.status, Object.fromEntries(upstream.headers));
        return response.end(Buffer.from(await upstream.arrayBuffer()));
      }
      const path = normalize(join('dist', decodeURIComponent(url.pathname)));
      if (!path.startsWith('dist')) return response.writeHead(404).end();
      const body = await readFile(path);
      response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
      response.end(body);
    };
    answer().catch(() => response.writeHead(404).end());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  // A copy: a build running meanwhile would replace the function under .netlify.
  const functionDir = await mkdtemp(join(tmpdir(), 'floodgate-live-preview-'));
  await cp('.netlify/v1/functions/ssr', functionDir, { recursive: true, verbatimSymlinks: true });
  preview.fn = await startFunctionServer(functionDir, {
    ...env,
    CONTENTFUL_PREVIEW_FRAME_ORIGINS: `http://localhost:${port}`,
  }).catch(async (error: unknown) => {
    await new Promise((done) => server.close(done));
    await rm(functionDir, { recursive: true, force: true });
    throw error;
  });
  return {
    port,
    editorUrl: (previewPath) =>
      `http://localhost:${port}/editor.html?preview=${encodeURIComponent(`http://127.0.0.1:${port}${previewPath}`)}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await preview.fn?.close();
      await rm(functionDir, { recursive: true, force: true });
    },
  };
}
