import { ExhibitRefSchema } from '@casebook/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialsFromName, nextExhibitRef, parseInitials } from './exhibit-ref';

describe('nextExhibitRef', () => {
  it('starts at 1 and counts up', () => {
    expect(nextExhibitRef('AB', [])).toEqual({ ok: true, ref: 'AB/1' });
    expect(nextExhibitRef('AB', ['AB/1', 'AB/2'])).toEqual({ ok: true, ref: 'AB/3' });
  });

  it('never reuses a number: gaps left by deleted items stay gaps', () => {
    // AB/2 was deleted; its tombstone's ref is still passed, and so is the highest.
    expect(nextExhibitRef('AB', ['AB/1', 'AB/3', 'AB/2'])).toEqual({ ok: true, ref: 'AB/4' });
    expect(nextExhibitRef('AB', ['AB/1', 'AB/9'])).toEqual({ ok: true, ref: 'AB/10' });
  });

  it('upper-cases and tidies the initials', () => {
    expect(nextExhibitRef(' a.b. ', ['AB/4'])).toEqual({ ok: true, ref: 'AB/5' });
  });

  it('counts only references with the same initials and ignores malformed ones', () => {
    expect(
      nextExhibitRef('CD', ['AB/7', 'ABCD/9', 'CD/0', 'CD/01', 'cd/5', 'CD/x', 'CD/2']),
    ).toEqual({
      ok: true,
      ref: 'CD/3',
    });
  });

  it.each(['', 'ABCDE', 'A1', 'É', 'A/B', '  '])(
    'refuses initials %j with a reason',
    (initials) => {
      const result = nextExhibitRef(initials, []);
      expect(result).toEqual({
        ok: false,
        reason:
          'Initials must be 1 to 4 letters from A to Z, like AB. Leave out accents and numbers.',
      });
    },
  );

  it('says when the numbers run out rather than making an invalid reference', () => {
    expect(nextExhibitRef('AB', ['AB/999999'])).toEqual({
      ok: false,
      reason: 'There are no exhibit numbers left for AB.',
    });
  });

  it('is always valid, new, and one more than the highest used (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z]{1,4}$/),
        fc.array(fc.integer({ min: 1, max: 5000 }), { maxLength: 30 }),
        (initials, numbers) => {
          const upper = initials.toUpperCase();
          const existing = numbers.map((n) => `${upper}/${n}`);
          const result = nextExhibitRef(initials, existing);
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          expect(ExhibitRefSchema.parse(result.ref)).toBe(result.ref);
          expect(existing).not.toContain(result.ref);
          expect(result.ref).toBe(`${upper}/${Math.max(0, ...numbers) + 1}`);
        },
      ),
    );
  });
});

describe('parseInitials', () => {
  it('accepts 1 to 4 letters', () => {
    expect(parseInitials('z')).toEqual({ ok: true, initials: 'Z' });
    expect(parseInitials('abcd')).toEqual({ ok: true, initials: 'ABCD' });
  });
});

describe('initialsFromName', () => {
  it.each([
    ['Alex Brown', 'AB'],
    ['alex brown', 'AB'],
    ['Mary-Jane O’Neil', 'MJO'],
    ['Siân Ó Briain', 'SOB'],
    ['  Sam   ', 'S'],
    ['Anna Beth Cara Dee Evans', 'ABCE'],
    ['Dr. Jo Smith', 'DJS'],
  ])('%j → %j', (name, initials) => {
    expect(initialsFromName(name)).toBe(initials);
  });

  it.each(['', '   ', '王小明', '123'])('%j → undefined, so the app asks', (name) => {
    expect(initialsFromName(name)).toBeUndefined();
  });

  it('always gives initials that parseInitials accepts (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (name) => {
        const initials = initialsFromName(name);
        if (initials !== undefined) expect(parseInitials(initials)).toEqual({ ok: true, initials });
      }),
    );
  });
});
