/**
 * The sync server's address as a person types it (`sync.example.org`, `https://sync.example.org/`)
 * read as an origin. Only https, except on this computer (`localhost`, `127.0.0.1`), where a
 * server started with `npm run server` speaks plain http.
 */
export type ServerAddress = { ok: true; origin: string } | { ok: false; message: string };

const LOCAL = new Set(['localhost', '127.0.0.1', '[::1]']);

export function readServerAddress(text: string): ServerAddress {
  const typed = text.trim();
  if (typed === '') {
    return {
      ok: false,
      message:
        'Type the server’s address, for example sync.example.org. Whoever runs it can give it to you.',
    };
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return {
      ok: false,
      message: 'This does not look like a server address. Type one like sync.example.org.',
    };
  }
  const local = LOCAL.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    return {
      ok: false,
      message:
        'The address must start with https:// so that nobody in between can change what is sent. Check it with whoever runs the server.',
    };
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    return {
      ok: false,
      message:
        'Type only the server’s address, without anything after it, for example sync.example.org.',
    };
  }
  return { ok: true, origin: url.origin };
}
