import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

/** Rebuilds every object with its keys in a shuffled order. */
function shuffleKeys(value: unknown, order: (keys: string[]) => string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, order));
  if (typeof value === 'object' && value !== null) {
    const source = Object.fromEntries(Object.entries(value));
    // fromEntries defines own properties; `out[k] =` would set the prototype for "__proto__".
    return Object.fromEntries(
      order(Object.keys(source)).map((k) => [k, shuffleKeys(source[k], order)]),
    );
  }
  return value;
}

describe('canonicalJson', () => {
  it('treats a "__proto__" key from JSON as an ordinary key', () => {
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":2}}'))).toBe(
      '{"__proto__":{"x":2},"b":1}',
    );
  });

  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, { d: 'x', c: -0.5 }], '': 'e' })).toBe(
      '{"":"e","a":[true,null,{"c":-0.5,"d":"x"}],"b":1}',
    );
    expect(canonicalJson({ é: 1, z: 2, Z: 3 })).toBe('{"Z":3,"z":2,"é":1}');
  });

  it('does not depend on key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, reverse) => {
        const reordered = shuffleKeys(value, (keys) => (reverse ? keys.reverse() : keys.sort()));
        expect(canonicalJson(reordered)).toBe(canonicalJson(value));
      }),
    );
  });

  it('round-trips through JSON.parse and is a fixed point', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        // JSON itself has no -0, so compare with what JSON.stringify keeps.
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('agrees with JSON.stringify on values without objects', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }))),
        (v) => {
          expect(canonicalJson(v)).toBe(JSON.stringify(v));
        },
      ),
    );
  });

  it('allows shared references that are not cycles', () => {
    const shared = { a: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"a":1},{"a":1}]');
  });

  it.each([
    ['undefined', undefined],
    ['an undefined property', { a: undefined }],
    ['NaN', Number.NaN],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['a function', { f: () => 1 }],
    ['a bigint', 1n],
    ['a symbol', Symbol('s')],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['a class instance', new (class Thing {})()],
    ['a typed array', new Uint8Array(2)],
    ['an array hole', new Array(2)],
    ['a symbol key', { [Symbol('k')]: 1 }],
  ])('throws a TypeError on %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('throws on cycles', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => canonicalJson(a)).toThrow(/cycle at \$\.self/);
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null);
    bare.b = 2;
    bare.a = 1;
    expect(canonicalJson(bare)).toBe('{"a":1,"b":2}');
  });
});
