#!/usr/bin/env node
// A tiny static server for the built app (dist/). No dependencies: node:http only.
// It sends the SECURITY.md CSP as a header on every response.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIME_TYPES, SECURITY_HEADERS, securityHeadersFor } from './headers.mjs';

const root = resolve(
  process.env.CASEBOOK_WEB_ROOT ?? fileURLToPath(new URL('../dist', import.meta.url)),
);
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? 'localhost';

/** Maps a URL path to a file under root, or undefined if it would escape root. */
function fileFor(urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  if (path.endsWith('/')) path += 'index.html';
  const full = normalize(join(root, path));
  return full === root || full.startsWith(root + sep) ? full : undefined;
}

function send(res, status, body, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

const server = createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'Method not allowed');
    return;
  }
  const file = fileFor(req.url ?? '/');
  if (!file) {
    send(res, 400, 'Bad request');
    return;
  }
  let info;
  try {
    info = await stat(file);
  } catch {
    info = undefined;
  }
  if (!info?.isFile()) {
    send(res, 404, 'Not found');
    return;
  }
  const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  // Hashed assets never change; everything else (index.html, sw.js, manifests) is revalidated.
  const immutable = file.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    ...securityHeadersFor(file),
    'Content-Type': type,
    'Content-Length': info.size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
});

server.listen(port, host, () => {
  console.log(`Casebook is running at http://${host}:${port}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
