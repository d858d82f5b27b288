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

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
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
