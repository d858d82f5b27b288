import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeChains } from './merge-chains';

const e = (chain: string, seq: number, time: string) => ({ chain, seq, time });

describe('mergeChains', () => {
  it('orders by time across chains', () => {
    const merged = mergeChains(
      [e('a', 0, '01'), e('a', 1, '04'), e('b', 0, '02'), e('b', 1, '03')],
      (x) => x.chain,
    );
    expect(merged.map((x) => `${x.chain}${x.seq}`)).toEqual(['a0', 'b0', 'b1', 'a1']);
  });

  it('keeps a chain in its own order when its clock went backwards', () => {
    const merged = mergeChains([e('a', 0, '05'), e('a', 1, '01'), e('b', 0, '03')], (x) => x.chain);
    // A sort by time would give a1 before a0 (control below).
    expect(merged.map((x) => `${x.chain}${x.seq}`)).toEqual(['b0', 'a0', 'a1']);
    const sorted = [e('a', 0, '05'), e('a', 1, '01'), e('b', 0, '03')].sort((x, y) =>
      x.time < y.time ? -1 : 1,
    );
    expect(sorted.map((x) => `${x.chain}${x.seq}`)).toEqual(['a1', 'b0', 'a0']);
  });

  it('keeps every entry once and every chain in order (property)', () => {
    const entry = fc.record({ chain: fc.constantFrom('', 'a', 'b', 'c'), time: fc.string() });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (raw) => {
        const entries = raw.map((x, seq) => ({ ...x, seq }));
        const merged = mergeChains(entries, (x) => x.chain);
        expect([...merged].sort((x, y) => x.seq - y.seq)).toEqual(entries);
        for (const chain of ['', 'a', 'b', 'c']) {
          const mine = merged.filter((x) => x.chain === chain).map((x) => x.seq);
          expect(mine).toEqual([...mine].sort((x, y) => x - y));
        }
      }),
    );
  });
});
