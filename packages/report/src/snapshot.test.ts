import { describe, expect, it } from 'vitest';
import { accountJson } from './json';
import { buildSnapshot } from './snapshot';
import { kitIds, kitInput } from './test-kit';
import { ambiguityOf, showInstant, showZoned } from './time-text';

describe('case snapshot', () => {
  it('numbers incidents in order of recording, deleted ones keeping theirs, and lists them by when they happened', () => {
    const snap = buildSnapshot(kitInput());
    expect(snap.incidents.map((i) => [i.number, i.when.local])).toEqual([
      ['INC-0005', '2024-10-27T01:30:00+00:00'],
      ['INC-0001', '2025-03-03T14:05:00+00:00'],
      ['INC-0002', '2025-03-10T08:45:00+00:00'],
      ['INC-0004', '2025-04-02T21:15:00+01:00'],
    ]);
    expect(snap.numbering).toEqual({ deleted: ['INC-0003'], leftOut: 0 });
  });

  it('keeps numbers when an earlier-dated incident is added later', () => {
    const input = kitInput();
    const before = buildSnapshot({ ...input, incidents: input.incidents.slice(0, 3) });
    const after = buildSnapshot(input);
    const numbers = (s: typeof before) =>
      Object.fromEntries(s.incidents.map((i) => [i.id, i.number]));
    expect(numbers(after)).toMatchObject(numbers(before));
  });

  it('shows times with zone and offset, and flags the clock change', () => {
    const snap = buildSnapshot(kitInput());
    const [clocks, home, , emoji] = snap.incidents;
    expect(clocks?.when).toMatchObject({
      text: 'Sun 27 Oct 2024, 01:30 GMT (UTC+0)',
      ambiguity: 'repeated',
      utc: '2024-10-27T01:30:00.000Z',
    });
    expect(emoji?.when.text).toBe('Wed 2 Apr 2025, 21:15 BST (UTC+1)');
    expect(home?.when.ambiguity).toBeUndefined();
    expect(home?.recorded.text).toBe(
      'Recorded Mon 3 Mar 2025, 15:00 GMT (UTC+0), the same day. Edited 2 times, last on Tue 4 Mar 2025, 09:30 GMT (UTC+0); see the audit log.',
    );
    expect(clocks?.recorded.text).toBe(
      'Recorded Sat 5 Apr 2025, 13:00 BST (UTC+1), 160 days later. Not edited since.',
    );
    expect(ambiguityOf('2025-03-30T01:30', 'Europe/London')).toBe('skipped');
    expect(ambiguityOf('2025-10-26T01:30', 'Europe/London')).toBe('repeated');
    expect(ambiguityOf('2025-10-26T02:30', 'Europe/London')).toBeUndefined();
    expect(
      showZoned({ local: '2025-01-01T09:00', zone: 'Asia/Kolkata', offset: '+05:30' }).text,
    ).toBe('Wed 1 Jan 2025, 09:00 UTC+5:30');
    expect(showInstant('2025-07-01T08:00:00Z', 'Europe/London').text).toBe(
      'Tue 1 Jul 2025, 09:00 BST (UTC+1)',
    );
  });

  it('carries every booklet column and links exhibits by reference', () => {
    const home = buildSnapshot(kitInput()).incidents[1];
    expect(home).toMatchObject({
      number: 'INC-0001',
      exhibits: ['AB/1'],
      impact: 'I did not sleep that night.',
      changesMade: 'I keep the curtains closed now.',
      impactOnOthers: 'Lily would not go to Greenhill Primary alone.',
      vehicle: 'Grey Vauxhall Astra, number plate ZQ68 QXV',
      people: [{ name: 'Ryan Aldous' }],
      police: {
        contacted: { id: 'yes' },
        method: { label: '101 (non-emergency)' },
        reference: 'CAD 0417 03/03/25',
      },
      location: { placeType: { id: 'home' }, coords: '52.48620, -1.89040' },
    });
  });

  it('chooses by date range and incidents, with their exhibits only', () => {
    const snap = buildSnapshot({ ...kitInput(), range: { from: '2025-03-01', to: '2025-03-31' } });
    expect(snap.incidents.map((i) => i.number)).toEqual(['INC-0001', 'INC-0002']);
    // AB/1 from the incident at home, EV-0003 from the card received in March.
    expect(snap.exhibits.map((e) => e.ref)).toEqual(['AB/1', 'EV-0003']);
    expect(snap.items).toHaveLength(1);
    expect(snap.calls).toHaveLength(1);
    expect(snap.numbering.leftOut).toBe(2);
    expect(snap.range.text).toBe('Sat 1 Mar 2025 to Mon 31 Mar 2025');
    const one = buildSnapshot({
      ...kitInput(),
      incidentIds: [kitIds.emoji],
      exhibitIds: [kitIds.png],
    });
    expect(one.incidents.map((i) => i.number)).toEqual(['INC-0004']);
    expect(one.incidents[0]?.exhibits).toEqual(['AB/2']);
    expect(one.exhibits.map((e) => e.ref)).toEqual(['AB/2']);
  });

  it('names an exhibit without a reference provisionally, and a file whose hash changed', () => {
    const input = kitInput();
    const [a, b, c] = input.evidence;
    if (a === undefined || b === undefined || c === undefined) throw new Error('kit');
    const snap = buildSnapshot({
      ...input,
      evidence: [a, b, { ...c, file: { sha256: 'd'.repeat(64), size: 1 } }],
    });
    expect(snap.exhibits.map((e) => [e.ref, e.refAssigned, e.hashMatchesIntake])).toEqual([
      ['AB/1', true, true],
      ['AB/2', true, true],
      ['EV-0003', false, false],
    ]);
  });

  it('summarises the pattern and counts each limb of s.2A(3)', () => {
    const { pattern } = buildSnapshot(kitInput());
    expect(pattern.summary[0]).toBe(
      '4 incidents recorded between 27 October 2024 and 2 April 2025 (23 weeks).',
    );
    expect(pattern.months.map((m) => m.count)).toEqual([1, 0, 0, 0, 0, 2, 1]);
    const limbs = Object.fromEntries(pattern.harassmentAct.map((l) => [l.limb, l.incidents]));
    expect(limbs).toEqual({
      a: ['INC-0002'],
      b: ['INC-0005', 'INC-0004'],
      c: [],
      d: [],
      e: ['INC-0001'],
      f: [],
      g: ['INC-0001'],
    });
    expect(pattern.otherBehaviours.map((b) => b.id).sort()).toEqual([
      'threat-of-violence',
      'threat-to-children',
    ]);
    expect(pattern.courseOfConduct).toBe(true);
  });

  it('is frozen, and the same input gives the same snapshot', () => {
    const snap = buildSnapshot(kitInput());
    expect(Object.isFrozen(snap.incidents[0]?.behaviours)).toBe(true);
    expect(accountJson(buildSnapshot(kitInput()))).toBe(accountJson(snap));
  });

  it('writes canonical JSON of everything, with its schema and version', () => {
    const snap = buildSnapshot(kitInput());
    const text = accountJson(snap);
    const parsed = JSON.parse(text);
    expect(parsed.schema).toBe('casebook-account');
    expect(parsed.version).toBe(2);
    expect(parsed.incidents).toHaveLength(4);
    expect(parsed.safety.safePlaces[0].name).toBe('Amber House refuge');
    expect(parsed.messages).toBeUndefined();
    expect(text).not.toMatch(/\n/);
    expect(Object.keys(parsed)).toEqual([...Object.keys(parsed)].sort());
  });
});
