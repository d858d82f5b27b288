/** T with every property allowed to be undefined while a form builds it. */
export type Loose<T> = { [K in keyof T]: T[K] | undefined };

/**
 * Drops undefined properties, so optional fields are omitted rather than set to undefined
 * (exactOptionalPropertyTypes, and the vault's canonical JSON, both want them absent).
 * Returns undefined when nothing is left and `emptyAsUndefined` is set.
 */
export function compact<T extends object>(value: Loose<T>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** Like compact, but undefined when every property is undefined (an untouched group). */
export function compactOrNone<T extends object>(value: Loose<T>): T | undefined {
  const out = compact(value);
  return Object.keys(out).length > 0 ? out : undefined;
}
