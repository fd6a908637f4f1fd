#!/usr/bin/env node
// Serves the built PWA (adapter-node's build/handler.js) over plain HTTP on HOST:PORT, as `barkeep start` runs it.
// adapter-node assumes https unless a protocol header says otherwise; this server speaks http and says so, so that
// SvelteKit's CSRF origin check accepts the app's own form posts and auth cookies are not marked Secure on the LAN.
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

process.env.PROTOCOL_HEADER = 'x-forwarded-proto'; // read by adapter-node when its handler module loads
const root = resolve(import.meta.dirname, '..');
const { handler } = await import(pathToFileURL(join(root, 'build', 'handler.js')).href);

const server = createServer((req, res) => {
  req.headers['x-forwarded-proto'] = 'http'; // whatever a client claimed: this socket is plain HTTP
  handler(req, res, () => {
    res.statusCode = 404;
    res.end('Not found');
  });
});
server.listen(Number(process.env.PORT || 3000), process.env.HOST || '0.0.0.0', () => {
  console.log(`Listening on http://${process.env.HOST || '0.0.0.0'}:${process.env.PORT || 3000}`);
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
