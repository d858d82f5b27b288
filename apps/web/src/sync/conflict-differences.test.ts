import { describe, expect, it } from 'vitest';
import { conflictDifferences } from './conflict-differences';

const base = {
  schema: 1,
  id: 'inc-1',
  whatHappened: 'Grey car parked outside',
  when: { start: { local: '2026-03-03T21:10', zone: 'Europe/London' }, approximate: false },
  people: ['p-1'],
};

describe('conflictDifferences', () => {
  it('names only the fields that differ, with what each side holds', () => {
    const phone = {
      ...base,
      when: { ...base.when, start: { ...base.when.start, local: '2026-03-03T22:40' } },
    };
    const laptop = { ...base, impact: 'I could not sleep' };
    const [a, b] = conflictDifferences([
      { deleted: false, body: phone },
      { deleted: false, body: laptop },
    ]);
    expect(a).toEqual([
      { label: 'When', value: '2026-03-03T22:40, Europe/London' },
      { label: 'How it affected you', value: 'Not filled in' },
    ]);
    expect(b).toEqual([
      { label: 'When', value: '2026-03-03T21:10, Europe/London' },
      { label: 'How it affected you', value: 'I could not sleep' },
    ]);
  });

  it('lists nothing when the versions hold the same (control: a change is seen)', () => {
    const same = conflictDifferences([
      { deleted: false, body: base },
      { deleted: false, body: { ...base } },
    ]);
    expect(same).toEqual([[], []]);
    const changed = conflictDifferences([
      { deleted: false, body: base },
      { deleted: false, body: { ...base, people: ['p-1', 'p-2'] } },
    ]);
    expect(changed[1]).toEqual([{ label: 'People', value: '2 people' }]);
  });

  it('gives a deleted side no fields, and shortens long text', () => {
    const long = 'x'.repeat(500);
    const [kept, deleted] = conflictDifferences([
      { deleted: false, body: { ...base, whatHappened: long } },
      { deleted: true },
    ]);
    expect(deleted).toEqual([]);
    expect(kept).toEqual([]);
    const [one] = conflictDifferences([
      { deleted: false, body: { ...base, whatHappened: long } },
      { deleted: false, body: base },
    ]);
    expect(one?.[0]?.value.length).toBe(160);
  });
});
