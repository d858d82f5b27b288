// Casebook's service worker, hand-written. It caches the app shell (the built files and
// nothing else) so the app opens offline. It never caches or sees user data: records live
// encrypted in IndexedDB, and any request outside the shell list goes straight to the network.
const VERSION = self.__SHELL_VERSION__;
const SHELL = self.__SHELL_FILES__;
const CACHE = `shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((path) => new Request(path, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// ---- Evidence streaming (long audio and video seek without decrypting the whole file) ----
// The page hands over a MessagePort to the vault worker for one open file, under a random
// token. A request for /evidence-stream/<token> asks the vault worker for just the bytes of
// its Range; nothing is cached, and the token is forgotten on close and on lock.
// Chromium may stop this worker at any time (idle, memory, DevTools), and its map of streams
// goes with it. A request for a token it does not know therefore asks the page that made the
// request: the page still holds the token until close or lock, and hands over a new port.
const STREAM_PREFIX = '/evidence-stream/';
const STREAM_PIECE = 4 * 1024 * 1024;
const streams = new Map();
const reopening = new Map();

self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || typeof data !== 'object') return;
  if (data.type === 'evidence-stream' && typeof data.token === 'string' && event.ports[0]) {
    streams.get(data.token)?.port.close();
    streams.set(data.token, { port: event.ports[0], size: data.size, mediaType: data.mediaType });
  } else if (data.type === 'evidence-stream-end' && typeof data.token === 'string') {
    streams.get(data.token)?.port.close();
    streams.delete(data.token);
    reopening.delete(data.token);
  } else if (data.type === 'evidence-stream-end-all') {
    for (const stream of streams.values()) stream.port.close();
    streams.clear();
    reopening.clear();
  }
});

/** The open stream for a token, re-opened through the page if this worker has restarted. */
function findStream(token, clientId) {
  const known = streams.get(token);
  if (known) return Promise.resolve(known);
  const waiting = reopening.get(token);
  if (waiting) return waiting;
  const pending = askClient(clientId, token).then((stream) => {
    // Closed or locked meanwhile: the answer is dropped.
    const current = reopening.get(token) === pending;
    if (current) reopening.delete(token);
    if (stream && !current) stream.port.close();
    if (!stream || !current) return undefined;
    // A fetch can overtake the page's first message; then that message has set it by now.
    const registered = streams.get(token);
    if (registered) {
      stream.port.close();
      return registered;
    }
    streams.set(token, stream);
    return stream;
  });
  reopening.set(token, pending);
  return pending;
}

/** Only the page that made the request is asked; a request from no page gets nothing. */
async function askClient(clientId, token) {
  const client = clientId ? await self.clients.get(clientId) : undefined;
  if (!client) return undefined;
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const done = (stream) => {
      clearTimeout(timer);
      channel.port1.close();
      resolve(stream);
    };
    const timer = setTimeout(() => done(undefined), 10000);
    channel.port1.onmessage = (event) => {
      const { size, mediaType } = event.data ?? {};
      const port = event.ports[0];
      const valid = port && Number.isSafeInteger(size) && typeof mediaType === 'string';
      done(valid ? { port, size, mediaType } : undefined);
    };
    client.postMessage({ type: 'evidence-stream-reopen', token }, [channel.port2]);
  });
}

function readRange(stream, start, end) {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => reject(new Error('timeout')), 30000);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      channel.port1.close();
      if (event.data?.bytes instanceof Uint8Array) resolve(event.data.bytes);
      else reject(new Error('unreadable'));
    };
    stream.port.postMessage({ start, end }, [channel.port2]);
  });
}

// Never cached; and if someone opened the URL as a page, it could run nothing.
const NO_STORE = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox",
};

async function streamResponse(request, token, clientId) {
  const stream = await findStream(token, clientId);
  if (!stream) return new Response('Gone', { status: 410, headers: NO_STORE });
  const { size, mediaType } = stream;
  const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.get('Range') ?? '');
  if (!range) {
    // No Range: the whole file, in order, a piece at a time (a download).
    let next = 0;
    const body = new ReadableStream({
      async pull(controller) {
        if (next >= size) return controller.close();
        const end = Math.min(next + STREAM_PIECE, size) - 1;
        try {
          controller.enqueue(await readRange(stream, next, end));
          next = end + 1;
        } catch (error) {
          controller.error(error);
        }
      },
    });
    return new Response(body, {
      status: 200,
      headers: { ...NO_STORE, 'Content-Type': mediaType, 'Content-Length': String(size) },
    });
  }
  const start = Number(range[1]);
  if (start >= size) {
    return new Response('', {
      status: 416,
      headers: { ...NO_STORE, 'Content-Range': `bytes */${size}` },
    });
  }
  // Answer at most one piece; the media element asks again for what follows.
  const asked = range[2] ? Number(range[2]) : size - 1;
  const end = Math.min(asked, start + STREAM_PIECE - 1, size - 1);
  try {
    const bytes = await readRange(stream, start, end);
    return new Response(bytes, {
      status: 206,
      headers: {
        ...NO_STORE,
        'Content-Type': mediaType,
        'Content-Length': String(bytes.length),
        'Content-Range': `bytes ${start}-${start + bytes.length - 1}/${size}`,
        'Accept-Ranges': 'bytes',
      },
    });
  } catch {
    return new Response('Unavailable', { status: 503, headers: NO_STORE });
  }
}

// ---- Streamed downloads (an evidence bundle can be gigabytes) ----
// The page hands over a MessagePort to the vault worker under a random token, with the file's
// name. A request for /download/<token> pulls the bundle from the worker a piece at a time, as
// the browser writes it to disk, so it is never held whole in memory. One request per token.
const DOWNLOAD_PREFIX = '/download/';
const downloads = new Map();

self.addEventListener('message', (event) => {
  const data = event.data;
  if (data?.type === 'download' && typeof data.token === 'string' && event.ports[0]) {
    downloads.set(data.token, {
      port: event.ports[0],
      name: String(data.name),
      type: String(data.mediaType),
    });
    // The page waits for this before it asks for the file: a fetch can overtake a message.
    event.ports[1]?.postMessage({ type: 'registered' });
  }
});

function nextPiece(port) {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    // The vault worker ends on lock; a download it no longer answers fails rather than hangs.
    const timer = setTimeout(() => {
      channel.port1.close();
      reject(new Error('The casebook was locked or closed.'));
    }, 120000);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      channel.port1.close();
      const { bytes, done, error } = event.data ?? {};
      if (error) reject(new Error(String(error)));
      else resolve(done ? undefined : bytes);
    };
    port.postMessage({ type: 'pull' }, [channel.port2]);
  });
}

function downloadResponse(token) {
  const download = downloads.get(token);
  downloads.delete(token);
  if (!download) return new Response('Gone', { status: 410, headers: NO_STORE });
  const body = new ReadableStream({
    async pull(controller) {
      try {
        const bytes = await nextPiece(download.port);
        if (bytes instanceof Uint8Array) controller.enqueue(bytes);
        else {
          download.port.close();
          controller.close();
        }
      } catch (error) {
        download.port.close();
        controller.error(error);
      }
    },
    cancel() {
      download.port.postMessage({ type: 'cancel' });
      download.port.close();
    },
  });
  // The name is the page's own choice (letters, digits, dots, dashes), quoted for safety.
  const name = download.name.replace(/[^A-Za-z0-9._-]/g, '_');
  return new Response(body, {
    status: 200,
    headers: {
      ...NO_STORE,
      'Content-Type': download.type,
      'Content-Disposition': `attachment; filename="${name}"`,
    },
  });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(DOWNLOAD_PREFIX)) {
    event.respondWith(downloadResponse(url.pathname.slice(DOWNLOAD_PREFIX.length)));
    return;
  }
  if (url.pathname.startsWith(STREAM_PREFIX)) {
    const token = url.pathname.slice(STREAM_PREFIX.length);
    event.respondWith(streamResponse(request, token, event.clientId));
    return;
  }
  // Navigations within the app open the shell; other shell files come from the cache.
  const path = request.mode === 'navigate' && !SHELL.includes(url.pathname) ? '/' : url.pathname;
  if (!SHELL.includes(path)) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(path))
      .then((hit) => hit ?? fetch(request)),
  );
});
