import { ImportedCallSchema, ImportedMessageSchema } from '@casebook/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureText } from '../../test/message-fixtures';
import { readMetaMessages } from './meta-messages';
import { repairMojibake } from './mojibake';
import { readTelegram } from './telegram';

const FB = 'meta/your_facebook_activity/messages/inbox/samcarter_10/message_1.json';
const IG = 'meta/your_instagram_activity/messages/inbox/samcarter_1/message_1.json';

describe('readTelegram', () => {
  it('reads a single chat: epoch times, text parts, edits, files, calls with discard reasons', () => {
    const r = readTelegram(fixtureText('telegram/single-chat-result.json'), {
      selfId: 'user1000001',
    });
    if (!r.ok) throw new Error(r.problem.message);
    const { messages, calls } = r.value;
    for (const m of messages) ImportedMessageSchema.parse(m);
    for (const c of calls) ImportedCallSchema.parse(c);
    expect(messages.map((m) => [m.sender, m.text, m.direction])).toEqual([
      ['Sam Carter', "why won't you answer", 'incoming'],
      ['Sam Carter', 'I saw you at the station — https://example.invalid/map', 'incoming'],
      ['Sam Carter', '', 'incoming'],
      ['Sam Carter', '', 'incoming'],
      ['Alex Morgan', 'Stop.', 'outgoing'],
      ['Sam Carter', '[take_screenshot]', 'incoming'],
    ]);
    expect(messages[0]).toMatchObject({
      key: 'telegram:4815162342|101',
      time: { known: 'epoch', instant: '2024-03-12T21:05:33.000Z' },
      thread: 'Sam Carter',
      source: { index: 0 },
    });
    expect(messages[1]?.flags).toEqual({
      edited: true,
      editedAt: { known: 'epoch', instant: '2024-03-12T21:09:10.000Z' },
    });
    expect(messages[2]?.attachments).toEqual([
      { name: 'photos/photo_1@12-03-2024_21-07-00.jpg', mediaType: 'image/jpeg', omitted: false },
    ]);
    expect(messages[3]?.attachments).toEqual([{ mediaType: 'audio/ogg', omitted: true }]);
    expect(messages[5]?.flags).toEqual({ system: true });
    expect(calls.map((c) => [c.outcome, c.party, c.durationSeconds, c.direction])).toEqual([
      ['missed', 'Sam Carter', undefined, 'incoming'],
      ['incoming', 'Sam Carter', 95, 'incoming'],
      ['rejected', 'Alex Morgan', undefined, 'outgoing'],
    ]);
  });

  it('reads a full-account export across chats and finds the person’s own id in it', () => {
    const r = readTelegram(fixtureText('telegram/full-account-result.json'));
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.value.chats.map((c) => c.name)).toEqual(['Sam Carter', 'Book Club']);
    expect(r.value.messages).toHaveLength(8);
    expect(r.value.messages.at(-1)).toMatchObject({
      key: 'telegram:777|2',
      direction: 'outgoing',
      thread: 'Book Club',
    });
    expect(new Set(r.value.messages.map((m) => m.source)).size).toBe(8);
  });

  it('turns bad JSON and other JSON into plain problems', () => {
    expect(readTelegram('{"messages": [').ok).toBe(false);
    const other = readTelegram('{"hello": 1}');
    expect(other.ok === false && other.problem.code).toBe('not-an-export');
  });
});

describe('readMetaMessages', () => {
  it('repairs Facebook mojibake, keeps the raw, reads calls, photos and unsent messages', () => {
    const r = readMetaMessages(fixtureText(FB), { path: FB, self: 'Alex Morgan' });
    if (!r.ok) throw new Error(r.problem.message);
    const { messages, calls, participants, format } = r.value;
    for (const m of messages) ImportedMessageSchema.parse(m);
    expect(format).toBe('facebook');
    expect(participants).toEqual(['Radosław Nowak', 'Alex Morgan']);
    expect(messages.map((m) => [m.sender, m.text, m.direction])).toEqual([
      ['Radosław Nowak', "You can't block me forever 😠", 'incoming'],
      ['Alex Morgan', 'Please stop messaging me.', 'outgoing'],
      ['Radosław Nowak', '', 'incoming'],
      ['Radosław Nowak', '', 'incoming'],
      ['Alex Morgan', 'café ok', 'outgoing'],
    ]);
    expect(messages[0]?.original).toEqual({
      sender: 'RadosÅ\u0082aw Nowak',
      text: "You can't block me forever \u00f0\u009f\u0098\u00a0",
    });
    expect(messages[0]?.time).toEqual({ known: 'epoch', instant: '2024-03-12T23:14:00.000Z' });
    expect(messages[2]?.attachments[0]).toMatchObject({ mediaType: 'image/jpeg', omitted: false });
    expect(messages[3]?.flags).toEqual({ deleted: true });
    expect(messages[4]?.original).toBeUndefined();
    expect(calls).toMatchObject([
      { channel: 'facebook', outcome: 'missed', party: 'Radosław Nowak', durationSeconds: 0 },
    ]);
  });

  it('tells Instagram by its path and reads shares and video chats', () => {
    const r = readMetaMessages(fixtureText(IG), { path: IG });
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.value.format).toBe('instagram');
    expect(r.value.messages.map((m) => [m.channel, m.text])).toEqual([
      ['instagram', 'saw your story 👀'],
      ['instagram', 'https://www.instagram.com/p/EXAMPLE/'],
    ]);
    expect(r.value.calls).toMatchObject([{ channel: 'instagram', durationSeconds: 64 }]);
  });

  it('says other JSON is not a message file', () => {
    const r = readMetaMessages('{"messages": []}');
    expect(r.ok === false && r.problem.code).toBe('not-an-export');
  });
});

describe('repairMojibake', () => {
  it('undoes Latin-1-read UTF-8 for any text, and leaves real Latin-1 and wider text alone', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (s) => {
        const broken = String.fromCharCode(...new TextEncoder().encode(s));
        expect(repairMojibake(broken)).toBe(s);
      }),
    );
    expect(repairMojibake('café')).toBe('café'); // é alone is not valid UTF-8: kept
    expect(repairMojibake('Radosław')).toBe('Radosław');
    expect(repairMojibake('plain')).toBe('plain');
  });
});
