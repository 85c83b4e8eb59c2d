import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export const DIST = join(__dirname, '../../../dist');

export interface DistServer {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  close(): Promise<void>;
}

/**
 * A static server for dist/, in its own thread: the browser's requests are answered at once even
 * while the test's own thread is busy driving the browser (that would skew the speed measurements).
 */
const SERVER = `
const { readFile } = require('node:fs/promises');
const { createServer } = require('node:http');
const { extname, join, normalize } = require('node:path');
const { parentPort, workerData } = require('node:worker_threads');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.webapp': 'application/x-web-app-manifest+json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8', '.png': 'image/png',
};
const root = workerData.root;
const server = createServer((request, response) => {
  const path = normalize(decodeURIComponent((request.url || '/').split('?')[0]));
  const file = join(root, path.endsWith('/') ? path + 'index.html' : path);
  if (!file.startsWith(root)) return void response.writeHead(403).end();
  readFile(file).then(
    (body) => response.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' }).end(body),
    () => response.writeHead(404).end('not found'),
  );
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
`;

/**
 * Serves the built dist/ (or another build's folder) on an ephemeral 127.0.0.1 port (the app at /app/,
 * the emulator at /emulator/).
 */
export async function serveDist(root = DIST): Promise<DistServer> {
  const worker = new Worker(SERVER, { eval: true, workerData: { root } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('close');
      }),
  };
}
