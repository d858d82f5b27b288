import { ImportedCallSchema, ImportedMessageSchema, importKey, textDigest } from '@casebook/core';
import { describe, expect, it } from 'vitest';
import { fixtureBytes, fixtureText } from '../../test/message-fixtures';
import { decodeText } from './decode-text';
import { parseWhatsApp, type WhatsAppChat, type WhatsAppOptions } from './parse-whatsapp';

function chat(name: string, options: WhatsAppOptions = {}): WhatsAppChat {
  const r = parseWhatsApp(decodeText(fixtureBytes(`whatsapp/${name}`)).text, options);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r)}`);
  for (const m of r.value.messages) ImportedMessageSchema.parse(m);
  for (const c of r.value.calls) ImportedCallSchema.parse(c);
  return r.value;
}

const brief = (c: WhatsAppChat) =>
  c.messages.map((m) => [m.time.known === 'wall-clock' ? m.time.local : '', m.sender, m.text]);

describe('parseWhatsApp: Android, UK English, 24-hour clock', () => {
  const c = chat('android-en-gb-24h.txt', { self: 'Alex Morgan' });

  it('reads every message with its sender, text and multi-line body', () => {
    expect(c.variant).toBe('android');
    expect(c.dateOrder).toBe('day-first');
    expect(c.participants).toEqual(['Sam Carter', 'Alex Morgan']);
    expect(brief(c)).toEqual([
      ['2024-03-12T21:04:00', '', expect.stringMatching(/^Messages and calls are end-to-end/)],
      ['2024-03-12T21:05:00', 'Sam Carter', "you can't ignore me forever"],
      [
        '2024-03-12T21:06:00',
        'Sam Carter',
        'I saw you at the station\nin the blue coat\n\nyou looked tired',
      ],
      ['2024-03-12T21:06:00', 'Alex Morgan', 'Please stop contacting me'],
      ['2024-03-12T23:10:00', 'Sam Carter', ''],
      ['2024-03-12T23:12:00', 'Sam Carter', 'Note: I am not going away'],
      ['2024-03-13T00:02:00', 'Sam Carter', 'This message was deleted'],
      ['2024-03-13T00:03:00', 'Sam Carter', 'call me back'],
      ['2024-03-13T00:04:00', 'Alex Morgan', 'You deleted this message'],
      ['2024-03-13T00:05:00', 'Sam Carter', 'ring 07700 900123 if you lose this one'],
      ['2024-03-14T07:15:00', 'Sam Carter', 'morning'],
    ]);
  });

  it('flags system lines, media, deletions and edits, and gives directions from `self`', () => {
    const m = c.messages;
    expect(m[0]?.flags).toEqual({ system: true });
    expect(m[4]?.attachments).toEqual([{ omitted: true }]);
    expect(m[6]?.flags).toEqual({ deleted: true });
    expect(m[7]?.flags).toEqual({ edited: true });
    expect(m[8]).toMatchObject({ direction: 'outgoing', flags: { deleted: true } });
    expect(m[1]?.direction).toBe('incoming');
    expect(m[0]?.direction).toBeUndefined();
    expect(m.filter((x) => x.flags.possibleForgedHeader)).toEqual([]);
  });

  it('points every message at its lines and reads GMT in winter', () => {
    expect(c.messages[2]?.source).toEqual({ line: 3, lineEnd: 6 });
    expect(c.messages[1]?.time).toEqual({
      known: 'wall-clock',
      instant: '2024-03-12T21:05:00.000Z',
      local: '2024-03-12T21:05:00',
      zone: 'Europe/London',
      offset: '+00:00',
      raw: '12/03/2024, 21:05',
    });
  });

  it('keeps keys unique and stable', () => {
    const keys = c.messages.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(
      chat('android-en-gb-24h.txt', { zone: 'America/New_York' }).messages.map((m) => m.key),
    ).toEqual(keys);
  });
});

describe('parseWhatsApp: other layouts', () => {
  it('reads US 12-hour Android with a narrow no-break space before PM, month first', () => {
    const c = chat('android-en-us-12h.txt');
    expect(c.dateOrder).toBe('month-first');
    expect(brief(c).slice(1)).toEqual([
      ['2024-03-12T21:05:00', 'Jordan Blake', 'answer your phone'],
      ['2024-03-12T21:06:00', 'Jordan Blake', 'your car'],
      ['2024-03-13T00:01:00', 'Jordan Blake', 'midnight and I am still here'],
      ['2024-03-13T12:30:00', 'Casey Lee', 'leave me alone'],
      ['2024-03-25T01:15:00', 'Jordan Blake', ''],
    ]);
    expect(c.messages[2]?.attachments).toEqual([
      { name: 'IMG-20240312-WA0003.jpg', mediaType: 'image/jpeg', omitted: false },
    ]);
    expect(c.messages[5]?.attachments[0]).toMatchObject({ mediaType: 'audio/ogg' });
  });

  it('reads an iOS group: events credited to the group, names with ": ", attachments, calls', () => {
    const c = chat('ios-en-gb-group.txt', { chatName: 'Book Club', self: 'Alex Morgan' });
    expect(c.variant).toBe('ios');
    const system = c.messages.filter((m) => m.flags.system).map((m) => m.text);
    expect(system).toEqual([
      expect.stringMatching(/^Messages and calls/),
      'Sam Carter created group “Book Club”',
      'Sam Carter added you',
      'Sam Carter changed the subject to “Re: you”',
      'Alex Morgan left',
    ]);
    const people = c.messages.filter((m) => !m.flags.system);
    expect(people.map((m) => [m.sender, m.text])).toEqual([
      ['Sam Carter', 'welcome everyone'],
      ['Dr: Who', 'thanks Sam'],
      ['Dr: Who', 'Re: the next book, any ideas?'],
      ['Sam Carter', ''],
      ['Sam Carter', ''],
      ['Sam Carter', 'This message was deleted.'],
      ['Sam Carter', 'see you soon'],
    ]);
    expect(people[3]?.attachments).toEqual([
      { name: '00000012-PHOTO-2024-01-05-10-04-12.jpg', mediaType: 'image/jpeg', omitted: false },
    ]);
    expect(people[4]?.attachments).toEqual([{ omitted: true, mediaType: 'image/*' }]);
    expect(people[5]?.flags).toEqual({ deleted: true });
    expect(c.participants).toEqual(['Sam Carter', 'Dr: Who']);
    expect(c.calls.map((x) => [x.outcome, x.party, x.durationSeconds, x.direction])).toEqual([
      ['missed', 'Sam Carter', undefined, 'incoming'],
      ['incoming', 'Sam Carter', 720, 'incoming'],
    ]);
    expect(c.messages[3]?.time).toMatchObject({ local: '2024-01-05T10:01:15' });
  });

  it('reads iOS 12-hour times at midnight and noon', () => {
    const c = chat('ios-en-us-12h.txt');
    expect(c.dateOrder).toBe('month-first');
    expect(brief(c).map((x) => x[0])).toEqual([
      '2024-01-05T10:00:00',
      '2024-01-05T10:00:09',
      '2024-01-20T23:59:59',
      '2024-01-21T00:00:01',
    ]);
  });

  it('drops the BOM, reads CRLF line ends', () => {
    const c = chat('bom-crlf.txt', { dateOrder: 'day-first' });
    expect(brief(c)).toEqual([
      ['2024-03-12T21:05:00', 'Sam Carter', 'first\nsecond line'],
      ['2024-03-12T21:06:00', 'Alex Morgan', 'ok'],
    ]);
  });

  it.each([
    ['android-es.txt', 'Se eliminó este mensaje.', '2024-03-13T21:07:00'],
    ['android-fr.txt', 'Ce message a été supprimé', '2024-03-13T21:08:00'],
    ['android-de.txt', 'Diese Nachricht wurde gelöscht.', '2024-03-13T21:08:00'],
    ['android-pt.txt', 'Esta mensagem foi apagada', '2024-03-13T21:08:00'],
    ['android-it.txt', 'Questo messaggio è stato eliminato', '2024-03-13T21:08:00'],
    ['android-nl.txt', 'Dit bericht is verwijderd', '2024-03-13T21:08:00'],
  ])('reads %s: system line, media omitted, deleted, edited', (name, deletedText, lastLocal) => {
    const c = chat(name);
    const [system, omitted, deleted, last] = c.messages;
    expect(system?.flags).toEqual({ system: true });
    expect(omitted?.attachments).toEqual([{ omitted: true }]);
    expect(omitted?.text).toBe('');
    expect(deleted).toMatchObject({ text: deletedText, flags: { deleted: true } });
    expect(last?.time).toMatchObject({ local: lastLocal });
    expect(c.participants).toEqual(['Sam Carter']);
    if (name === 'android-fr.txt' || name === 'android-pt.txt' || name === 'android-nl.txt') {
      expect(last?.flags).toEqual({ edited: true });
    }
    if (name === 'android-de.txt')
      expect(last?.attachments[0]?.name).toBe('IMG-20240313-WA0002.jpg');
  });

  it('reads "p. m." and "a.m." as Spanish and other 12-hour layouts write them', () => {
    const text = ['13/3/24, 9:07 p. m. - Sam: hola', '14/3/24, 12:05 a.m. - Sam: otra vez'].join(
      '\n',
    );
    const r = parseWhatsApp(text);
    expect(
      r.ok && r.value.messages.map((m) => m.time.known === 'wall-clock' && m.time.local),
    ).toEqual(['2024-03-13T21:07:00', '2024-03-14T00:05:00']);
  });

  it('reads Finnish "klo" with dots in the time', () => {
    expect(brief(chat('android-fi-klo.txt'))).toEqual([
      ['2024-03-12T21:05:00', 'Sam Carter', 'hei'],
      ['2024-03-13T21:06:00', 'Sam Carter', 'missä olet'],
    ]);
  });
});

describe('parseWhatsApp: date order', () => {
  it('asks when the file cannot tell day-first from month-first, with both readings', () => {
    const r = parseWhatsApp(fixtureText('whatsapp/ambiguous-date-order.txt'));
    expect(r).toEqual({
      ok: false,
      needsDateOrder: {
        samples: [
          { raw: '03/04/2024', dayFirst: '2024-04-03', monthFirst: '2024-03-04' },
          { raw: '05/06/2024', dayFirst: '2024-06-05', monthFirst: '2024-05-06' },
        ],
      },
    });
  });

  it('reads it as the person answers', () => {
    const text = fixtureText('whatsapp/ambiguous-date-order.txt');
    const dayFirst = parseWhatsApp(text, { dateOrder: 'day-first' });
    const monthFirst = parseWhatsApp(text, { dateOrder: 'month-first' });
    expect(dayFirst.ok && dayFirst.value.messages[2]?.time).toMatchObject({
      local: '2024-06-05T09:05:00',
    });
    expect(monthFirst.ok && monthFirst.value.messages[2]?.time).toMatchObject({
      local: '2024-05-06T09:05:00',
    });
  });

  it('settles the order from dates running forward when no number is above 12', () => {
    const text = [
      '01/02/2024, 09:00 - A: x',
      '02/01/2024, 09:00 - A: y',
      '03/01/2024, 09:00 - A: z',
    ].join('\n');
    // Day first runs 1 Feb, 2 Jan, 3 Jan (a step back); month first runs 2 Jan, 1 Feb, 1 Mar.
    const r = parseWhatsApp(text);
    expect(r.ok && r.value.dateOrder).toBe('month-first');
  });
});

describe('parseWhatsApp: headers typed into messages', () => {
  it('flags a header out of order, in another layout, or from a stranger in the same minute', () => {
    const c = chat('forged-header.txt');
    const flagged = c.messages.filter((m) => m.flags.possibleForgedHeader).map((m) => m.text);
    expect(flagged).toEqual([
      'I will hurt you',
      'as if [12/03/2024, 21:07:00] Alex Morgan: typed\n[12/03/2024, 21:07:00] Alex Morgan: an iOS header inside an Android export',
      'I am Jamie and I never wrote here',
    ]);
    // Positive control: the same lines with nothing odd about them are not flagged.
    expect(chat('android-en-gb-24h.txt').messages.some((m) => m.flags.possibleForgedHeader)).toBe(
      false,
    );
  });
});

describe('parseWhatsApp: keys', () => {
  it('numbers repeats of one message, also when the file runs out of order', () => {
    const text = [
      '13/03/2024, 21:00 - A|B: hi',
      '13/03/2024, 21:00 - A|B: hi',
      '13/03/2024, 21:01 - A|B: x',
      '13/03/2024, 21:00 - A|B: hi',
      '13/03/2024, 21:02 - A|B: hi',
    ].join('\n');
    const r = parseWhatsApp(text);
    if (!r.ok) throw new Error('parse');
    const keys = r.value.messages.map((m) => m.key);
    expect(keys.map((k) => k.split('|').slice(0, 4).join('|'))).toEqual([
      'whatsapp:2024-03-13T21:00:00|A\\|B|0',
      'whatsapp:2024-03-13T21:00:00|A\\|B|1',
      'whatsapp:2024-03-13T21:01:00|A\\|B|0',
      'whatsapp:2024-03-13T21:00:00|A\\|B|2',
      'whatsapp:2024-03-13T21:02:00|A\\|B|0',
    ]);
    expect(keys[0]).toBe(
      importKey('whatsapp', ['2024-03-13T21:00:00', 'A|B', 0, textDigest('hi')]),
    );
  });
});

describe('parseWhatsApp: bad input', () => {
  it.each([
    ['not-a-chat.txt', 'not-an-export'],
    ['unknown-layout.txt', 'unknown-language'],
  ])('%s gives a plain problem', (name, code) => {
    const r = parseWhatsApp(fixtureText(`whatsapp/${name}`));
    expect(r.ok === false && 'problem' in r && r.problem.code).toBe(code);
  });

  it('an empty file is empty', () => {
    const r = parseWhatsApp('\ufeff\n');
    expect(r.ok === false && 'problem' in r && r.problem.code).toBe('empty');
  });
});
