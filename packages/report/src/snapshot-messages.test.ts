import type { EvidenceId, ImportedId, ImportedMessageRecord } from '@casebook/core';
import { describe, expect, it } from 'vitest';
import { snapshotMessages } from './snapshot-messages';

function record(n: number, time: ImportedMessageRecord['message']['time']): ImportedMessageRecord {
  return {
    schema: 1,
    id: `m${String(n).padStart(21, '0')}` as ImportedId,
    exhibit: { evidenceId: 'E'.repeat(22) as EvidenceId, exhibitRef: 'AB/1' },
    from: 'responsible',
    message: {
      schema: 1,
      key: `sms:${n}`,
      channel: 'sms',
      time,
      sender: '+447700900123',
      text: `text ${n}`,
      attachments: [],
      flags: n === 2 ? { deleted: true } : {},
      source: { index: n },
    },
  };
}

const all = () => true;

describe('snapshotMessages', () => {
  it('shows exact times in the report zone with their offset, oldest first, undated last', () => {
    const out = snapshotMessages(
      [
        record(1, { known: 'unreadable', raw: 'garbled' }),
        record(2, { known: 'epoch', instant: '2024-07-01T12:00:00Z' }),
        record(3, {
          known: 'wall-clock',
          instant: '2024-03-12T21:06:00Z',
          local: '2024-03-12T21:06:00',
          zone: 'Europe/London',
          offset: '+00:00',
          raw: '12/03/2024, 21:06',
        }),
      ],
      'Europe/London',
      () => 'AB/1',
      all,
    );
    expect(out.map((m) => m.text)).toEqual(['text 3', 'text 2', 'text 1']);
    expect(out[1]?.time?.local).toBe('2024-07-01T13:00:00+01:00');
    expect(out[1]).toMatchObject({ timeKnown: 'epoch', flags: ['deleted'], exhibit: 'AB/1' });
    expect(out[0]).toMatchObject({ timeAsWritten: '12/03/2024, 21:06' });
    expect(out[2]).toMatchObject({ timeKnown: 'unreadable', timeAsWritten: 'garbled' });
    expect(out[2]?.time).toBeUndefined();
  });

  it('keeps only messages in range by their local day (undated ones too when no range is set)', () => {
    const out = snapshotMessages(
      [
        record(1, { known: 'unreadable', raw: '?' }),
        record(2, { known: 'epoch', instant: '2024-07-01T12:00:00Z' }),
        record(3, { known: 'epoch', instant: '2024-08-01T12:00:00Z' }),
      ],
      'Europe/London',
      () => 'AB/1',
      (local) => local.slice(0, 7) === '2024-07',
    );
    expect(out.map((m) => m.text)).toEqual(['text 2', 'text 1']);
  });

  it('leaves undated messages out of a date-ranged report; keeps them without a range (control)', () => {
    const records = [
      record(1, { known: 'unreadable', raw: '?' }),
      record(2, { known: 'epoch', instant: '2024-07-01T12:00:00Z' }),
    ];
    const july = (local: string) => local.slice(0, 7) === '2024-07';
    const ranged = snapshotMessages(records, 'Europe/London', () => 'AB/1', july, true);
    expect(ranged.map((m) => m.text)).toEqual(['text 2']);
    const open = snapshotMessages(records, 'Europe/London', () => 'AB/1', all, false);
    expect(open.map((m) => m.text)).toEqual(['text 2', 'text 1']);
  });
});
