/**
 * Canonical JSON: the exact bytes the vault hashes and signs, so it must never vary.
 * Object keys are sorted by UTF-16 code units (as RFC 8785 does), there is no whitespace,
 * and numbers and strings are written as `JSON.stringify` writes them.
 *
 * Anything JSON cannot hold exactly is a bug in the caller and throws a `TypeError`:
 * `undefined` (also as a property value or array hole), `NaN`, `±Infinity`, bigints,
 * symbols, functions, cycles, and any object that is not a plain object or array
 * (`Date`, `Map`, class instances, typed arrays).
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set());
}

function write(value: unknown, path: string, seen: Set<object>): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} at ${path}`);
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return writeObject(value, path, seen);
    default:
      throw new TypeError(`canonicalJson: cannot encode ${typeof value} at ${path}`);
  }
}

function writeObject(value: object, path: string, seen: Set<object>): string {
  if (seen.has(value)) throw new TypeError(`canonicalJson: cycle at ${path}`);
  seen.add(value);
  let out: string;
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new TypeError(`canonicalJson: hole at ${path}[${i}]`);
      parts.push(write(value[i], `${path}[${i}]`, seen));
    }
    out = `[${parts.join(',')}]`;
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const name = value.constructor?.name ?? 'object';
      throw new TypeError(`canonicalJson: not a plain object (${name}) at ${path}`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) {
      throw new TypeError(`canonicalJson: symbol keys at ${path}`);
    }
    const fields: [string, unknown][] = Object.entries(value);
    fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const parts = fields.map(([k, v]) => `${JSON.stringify(k)}:${write(v, `${path}.${k}`, seen)}`);
    out = `{${parts.join(',')}}`;
  }
  // Shared (non-cyclic) references are fine: only the current ancestry counts.
  seen.delete(value);
  return out;
}
