import { BEHAVIOUR_IDS, type ImportedCall, type ImportedMessage } from '@casebook/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureText } from '../../test/message-fixtures';
import { parseWhatsApp } from './parse-whatsapp';
import { proposeIncidents } from './propose-incidents';

function message(
  at: string,
  sender: string,
  text: string,
  key = `${at}${sender}${text}`,
): ImportedMessage {
  return {
    schema: 1,
    key: `test:${key}`,
    channel: 'whatsapp',
    time: { known: 'epoch', instant: at },
    sender,
    text,
    attachments: [],
    flags: {},
    source: { index: 0 },
  };
}

function call(at: string, outcome: ImportedCall['outcome']): ImportedCall {
  return {
    schema: 1,
    key: `call:${at}`,
    channel: 'phone',
    time: { known: 'epoch', instant: at },
    outcome,
    number: { raw: '07700 900123', e164: '+447700900123', valid: false },
    withheld: false,
    source: { index: 0 },
  };
}

describe('proposeIncidents', () => {
  it('groups their contact into bursts with counts, times and suggested behaviours', () => {
    const messages = [
      ...Array.from({ length: 13 }, (_, i) =>
        message(`2024-03-12T23:${String(10 + i * 3).padStart(2, '0')}:00Z`, 'Sam', `msg ${i}`),
      ),
      message('2024-03-13T01:40:00Z', 'Sam', 'I saw you at the station. I will hurt you'),
      message('2024-03-12T23:30:00Z', 'Alex', 'please stop'),
      message('2024-03-14T09:00:00Z', 'Sam', 'morning'),
    ];
    const calls = [call('2024-03-13T00:45:00Z', 'missed'), call('2024-03-13T01:15:00Z', 'missed')];
    const { incidents, undated } = proposeIncidents(messages, calls, {
      from: ['Sam', '+447700900123'],
    });
    expect(undated).toEqual({ messageKeys: [], callKeys: [] });
    expect(incidents.map((i) => i.summary)).toEqual([
      '14 messages and 2 missed calls between 23:10 and 01:40 (12–13 March 2024)',
      '1 message at 09:00 (14 March 2024)',
    ]);
    const first = incidents[0];
    expect(first?.channel).toBe('messaging-app');
    expect(first?.behaviours).toEqual([
      'unwanted-messages',
      'unwanted-calls',
      'threat-of-violence',
      'letting-you-know-they-are-watching',
    ]);
    expect(first?.reasons.map((r) => r.words)).toEqual(['hurt', 'saw you']);
    expect(first?.when.start).toEqual({
      local: '2024-03-12T23:10:00',
      zone: 'Europe/London',
      offset: '+00:00',
    });
    expect(first?.counts).toEqual({ messages: 14, calls: 2, missedCalls: 2 });
    expect(first?.messageKeys).not.toContain('test:2024-03-12T23:30:00ZAlexplease stop');
  });

  it('shows clock times in the chosen zone, and leaves undated items out of bursts', () => {
    const ny = proposeIncidents([message('2024-07-01T03:00:00Z', 'Sam', 'hi')], [], {
      from: 'Sam',
      zone: 'America/New_York',
    });
    expect(ny.incidents[0]?.summary).toBe('1 message at 23:00 (30 June 2024)');
    const undated = {
      ...message('2024-07-01T03:00:00Z', 'Sam', 'x'),
      time: { known: 'unreadable' as const, raw: '' },
    };
    expect(proposeIncidents([undated], [], { from: 'Sam' }).undated.messageKeys).toEqual([
      undated.key,
    ]);
  });

  it('works on a parsed chat: only the named person, never system lines', () => {
    const chat = parseWhatsApp(fixtureText('whatsapp/android-en-gb-24h.txt'));
    if (!chat.ok) throw new Error('parse');
    const { incidents } = proposeIncidents(chat.value.messages, chat.value.calls, {
      from: 'Sam Carter',
      gapMinutes: 120,
    });
    expect(incidents.map((i) => i.summary)).toEqual([
      '2 messages between 21:05 and 21:06 (12 March 2024)',
      '5 messages between 23:10 and 00:05 (12–13 March 2024)',
      '1 message at 07:15 (14 March 2024)',
    ]);
  });

  it('puts every one of their dated items in exactly one burst, in time order, within the gap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 * 86_400 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 600 }),
        (offsets, gapMinutes) => {
          const ms = offsets.map((s, i) =>
            message(new Date(Date.UTC(2024, 0, 1) + s * 1000).toISOString(), 'Sam', 'x', String(i)),
          );
          const { incidents } = proposeIncidents(ms, [], { from: 'Sam', gapMinutes });
          const keys = incidents.flatMap((i) => i.messageKeys);
          expect([...keys].sort()).toEqual(ms.map((m) => m.key).sort());
          for (const i of incidents)
            expect(i.behaviours.every((b) => BEHAVIOUR_IDS.includes(b))).toBe(true);
          const starts = incidents.map((i) => i.when.start.local);
          expect([...starts].sort()).toEqual(starts);
        },
      ),
    );
  });
});
