/**
 * The HTTP headers every response carries. The CSP is SECURITY.md's, word for word, plus one
 * directive: `manifest-src 'self'`. Without it `default-src 'none'` blocks the web app manifest
 * and the app cannot be installed (Chromium: "no-manifest"). The e2e suite checks both.
 */
export const SECURITY_MD_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; " +
  "connect-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; " +
  "style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; " +
  "form-action 'self'";

export const CONTENT_SECURITY_POLICY = `${SECURITY_MD_CSP}; manifest-src 'self'`;

/**
 * The vault worker's own policy (a dedicated worker is governed by its script's response, not
 * the page's). It is the page's with one change: `connect-src` also allows any https origin,
 * and this computer over http, because sync talks to a server at an address the person types
 * (Settings, Sync), which no fixed list can name. Only the worker that holds the keys and signs
 * every request gets it; the page itself stays `connect-src 'self'`, so nothing in the page can
 * send anywhere. http is for a server on this computer only (`npm run server`); the app refuses
 * plain http elsewhere before it connects (src/sync/server-address.ts).
 */
export const VAULT_WORKER_CSP = CONTENT_SECURITY_POLICY.replace(
  "connect-src 'self'",
  "connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
);

/** The built vault worker's file (`assets/vault.worker-<hash>.js`). */
export const VAULT_WORKER_FILE = /[\\/]assets[\\/]vault\.worker-[A-Za-z0-9_-]+\.js$/;

/** The headers for one file: the vault worker gets its own policy (above). */
export function securityHeadersFor(file) {
  return VAULT_WORKER_FILE.test(file)
    ? { ...SECURITY_HEADERS, 'Content-Security-Policy': VAULT_WORKER_CSP }
    : SECURITY_HEADERS;
}

export const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
