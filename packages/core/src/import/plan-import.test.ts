import { describe, expect, it } from 'vitest';
import { createPrng, prngRandom } from '../demo/prng';
import type { EvidenceId } from '../ids';
import type { ImportedCall, ImportedMessage } from '../records/message';
import { importedKeys, planImport, sameParty, writtenAs } from './plan-import';

const exhibit = { evidenceId: 'E'.repeat(22) as EvidenceId, exhibitRef: 'AB/1' };

function message(i: number, sender: string, extra: Partial<ImportedMessage> = {}): ImportedMessage {
  return {
    schema: 1,
    key: `whatsapp:04/01/2026, 23:${String(i).padStart(2, '0')}|${sender}|0|abc`,
    channel: 'whatsapp',
    time: { known: 'epoch', instant: `2026-01-04T23:${String(i).padStart(2, '0')}:00Z` },
    sender,
    text: `text ${i}`,
    attachments: [],
    flags: {},
    source: { line: i + 1, lineEnd: i + 1 },
    ...extra,
  };
}

const call: ImportedCall = {
  schema: 1,
  key: 'call:1767571200000|+447700900123|3',
  channel: 'phone',
  time: { known: 'epoch', instant: '2026-01-05T00:00:00Z' },
  outcome: 'missed',
  direction: 'incoming',
  number: { raw: '07700 900123', e164: '+447700900123', valid: false },
  withheld: false,
  source: { index: 0 },
};

const random = () => prngRandom(createPrng(7));

describe('planImport', () => {
  it('makes one checked record per message and call, each pointing at the exhibit', () => {
    const messages = [
      message(1, 'Mark'),
      message(2, 'Me', { direction: 'outgoing' }),
      message(3, 'Mark', { flags: { system: true } }),
    ];
    const plan = planImport({
      messages,
      calls: [call],
      exhibit,
      parties: { responsible: ['mark', '+447700900123'] },
      known: new Set(),
      random: random(),
    });
    expect(plan).toMatchObject({ newMessages: 3, newCalls: 1, alreadyThere: 0 });
    expect(plan.records.map((r) => [r.kind, r.body.from])).toEqual([
      ['imported-message', 'responsible'],
      ['imported-message', 'self'],
      // A system line is never counted as theirs, even under their name.
      ['imported-message', 'other'],
      ['imported-call', 'responsible'],
    ]);
    for (const r of plan.records) expect(r.body.exhibit).toEqual(exhibit);
    expect(new Set(plan.records.map((r) => r.id)).size).toBe(4);
  });

  it('adds nothing already known, and a longer export only what is new', () => {
    const first = [message(1, 'Mark'), message(2, 'Mark')];
    const known = new Set<string>();
    const a = planImport({
      messages: first,
      calls: [],
      exhibit,
      parties: { responsible: ['Mark'] },
      known,
      random: random(),
    });
    expect(a.newMessages).toBe(2);
    // Keys come back from stored bodies (as after a reopen).
    const stored = importedKeys(a.records.map((r) => r.body));
    expect(stored).toEqual(new Set(first.map((m) => m.key)));
    const again = planImport({
      messages: first,
      calls: [],
      exhibit,
      parties: { responsible: ['Mark'] },
      known: stored,
      random: random(),
    });
    expect(again).toMatchObject({ records: [], newMessages: 0, alreadyThere: 2 });
    const longer = planImport({
      messages: [...first, message(3, 'Mark')],
      calls: [],
      exhibit,
      parties: { responsible: ['Mark'] },
      known: stored,
      random: random(),
    });
    expect(longer).toMatchObject({ newMessages: 1, alreadyThere: 2 });
    expect(
      longer.records[0]?.kind === 'imported-message' && longer.records[0].body.message.text,
    ).toBe('text 3');
  });

  it('refuses a record its schema refuses (a bug, never saved)', () => {
    const bad = { ...message(1, 'Mark'), key: 'no format prefix' };
    expect(() =>
      planImport({
        messages: [bad],
        calls: [],
        exhibit,
        parties: { responsible: [] },
        known: new Set(),
        random: random(),
      }),
    ).toThrow(/did not pass/);
  });

  it('compares names as typed: case, spaces and invisible marks', () => {
    expect(sameParty('\u200eMark  Smith ', 'mark smith')).toBe(true);
    expect(sameParty('Mark', 'Marko')).toBe(false);
    expect(sameParty('', '')).toBe(false);
  });
});

describe('writtenAs', () => {
  it('matches the name or the address of an email-style sender', () => {
    expect(writtenAs('Sam Carter', 'Sam Carter <sam@example.invalid>')).toBe(true);
    expect(writtenAs('sam@example.invalid', '"Sam Carter" <sam@example.invalid>')).toBe(true);
    expect(writtenAs('Sam', 'Sam Carter <sam@example.invalid>')).toBe(false);
  });
});
