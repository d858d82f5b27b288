/** Expected failures are values, with a message a frightened person can act on. */
export type Result<T, R extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: R; readonly message: string };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function fail<R extends string>(
  reason: R,
  message: string,
): { readonly ok: false; readonly reason: R; readonly message: string } {
  return { ok: false, reason, message };
}
