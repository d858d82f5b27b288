/**
 * The vault's "last seen" token, kept outside the casebook's database so that an older copy
 * of the database put back in place is noticed at the next unlock. It is encrypted under the
 * case key: to anyone else it is random bytes, and it says nothing about the case. The key is
 * neutral on purpose, like the database's name.
 */
const KEY = 'tag';
/** A token is a base64 envelope of a few hundred bytes; anything else is not ours. */
const PLAUSIBLE = /^[A-Za-z0-9+/=_-]{16,4096}$/;

export function loadSeenToken(): string | undefined {
  try {
    const token = localStorage.getItem(KEY);
    return token !== null && PLAUSIBLE.test(token) ? token : undefined;
  } catch {
    return undefined;
  }
}

export function saveSeenToken(token: string): void {
  if (!PLAUSIBLE.test(token)) return;
  try {
    localStorage.setItem(KEY, token);
  } catch {
    // Storage full or blocked: unlock still works, it just cannot compare with last time.
  }
}
