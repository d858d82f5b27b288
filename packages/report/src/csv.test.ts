import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHRONOLOGY_COLUMNS,
  chronologyCsv,
  csvField,
  csvText,
  EXHIBIT_COLUMNS,
  exhibitsCsv,
} from './csv';
import { buildSnapshot } from './snapshot';
import { kitInput } from './test-kit';
import { importIds, kitWithImports, OTHER } from './test-kit-imports';

/** A strict RFC 4180 reader (records end in CRLF; quotes only around whole fields). */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 1;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
        expect([',', '\r']).toContain(text[i]);
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"') {
      expect(field).toBe('');
      quoted = true;
      i += 1;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (c === '\r') {
      expect(text[i + 1]).toBe('\n');
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      expect(c).not.toBe('\n');
      field += c;
      i += 1;
    }
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

const neutralised = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

describe('CSV', () => {
  it('round-trips any table, with formula starts neutralised and nothing else changed', () => {
    const cellText = fc.string({
      unit: fc.constantFrom(
        'a',
        'Z',
        ' ',
        ',',
        '"',
        '\r',
        '\n',
        '=',
        '+',
        '-',
        '@',
        '\t',
        "'",
        'é',
        '👀',
      ),
      maxLength: 12,
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(cellText, { minLength: 1, maxLength: 5 }), {
          minLength: 1,
          maxLength: 6,
        }),
        (rows) => {
          const width = rows[0]?.length ?? 1;
          const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
          const back = parseCsv(csvText(table));
          expect(back).toEqual(table.map((r) => r.map(neutralised)));
          for (const r of back) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        },
      ),
    );
  });

  it('neutralises each formula start with a leading apostrophe (OWASP)', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+44 7700 900123')).toBe("'+44 7700 900123");
    expect(csvField('-1.5')).toBe("'-1.5");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe('"\'\rx"');
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField('plain')).toBe('plain');
  });

  it('writes the chronology in the booklet columns, a hostile narrative made safe', () => {
    const snap = buildSnapshot(kitInput());
    const rows = parseCsv(chronologyCsv(snap));
    expect(rows[0]).toEqual([...CHRONOLOGY_COLUMNS]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      'INC-0005',
      'INC-0001',
      'INC-0002',
      'INC-0004',
    ]);
    const clocks = rows[1] ?? [];
    expect(clocks[6]).toBe(
      '\'=HYPERLINK("http://evil.example","click") he rang the bell at night ending-clocks-narrative',
    );
    expect(clocks[1]).toContain('Sun 27 Oct 2024, 01:30 GMT (UTC+0)');
    expect(clocks[1]).toContain('happened twice');
    const home = rows[2] ?? [];
    expect(home[4]).toBe('2');
    expect(home[9]).toBe('AB/1');
    expect(home[10]).toContain('Reference CAD 0417 03/03/25');
    expect(home[13]).toBe('Lily would not go to Greenhill Primary alone.');
  });

  it("puts the messages sent to her in his conversations into the chronology, by time; nobody else's", () => {
    const input = kitWithImports();
    const rows = parseCsv(chronologyCsv(buildSnapshot(input))).slice(1);
    const messages = rows.filter((r) => r[0] === 'Message');
    expect(messages.map((r) => r[6])).toEqual([
      'Text message from +447700900481: Answer your phone',
      'Text message from +447700900481: I know where you are',
      'WhatsApp from Ryan: You cannot hide',
      'Text message from +447700900481: undated one',
    ]);
    const [first] = messages;
    // The instant with its offset, the sender as written, the exhibit and where in it.
    expect(first?.[2]).toBe('2025-03-20T22:10:00+00:00');
    expect(first?.[8]).toBe("'+447700900481, by Text message");
    expect(first?.[9]).toMatch(/^AB\/10 \(item \d+\)$/);
    expect(messages[3]?.[1]).toBe('Time not readable in the export (written: garbled date)');
    // In time order with the incidents (all of the kit's incidents are before March 2025 but one).
    const times = rows.map((r) => r[2] ?? '').filter((t) => t !== '');
    const utc = times.map((t) => Date.parse(t));
    expect(utc).toEqual([...utc].sort((a, b) => a - b));
    expect(rows[rows.length - 1]?.[6]).toContain('undated one');
    // Her replies, the refuge and Mum are not in it; control: the refuge's text is in the input.
    const csv = chronologyCsv(buildSnapshot(input));
    expect(JSON.stringify(input.messages)).toContain(OTHER.room);
    for (const t of [...Object.values(OTHER), 'Leave me alone', 'Go away']) {
      expect(csv).not.toContain(t);
    }
  });

  it("lists only his messages from a group chat he is in, not the other members'", () => {
    const input = kitWithImports();
    const ryan = (input.messages ?? []).find((m) => m.message.text === 'You cannot hide');
    if (ryan === undefined) throw new Error('the kit has his WhatsApp message');
    // The same chat export becomes a group: a friend writes to her in it, and an app line.
    const inGroup = (sender: string, text: string, at: string, system = false) => ({
      ...ryan,
      id: `${ryan.id.slice(0, -4)}${text.length.toString().padStart(4, '0')}` as typeof ryan.id,
      from: 'other' as const,
      message: {
        ...ryan.message,
        key: `group:${text}`,
        sender,
        text,
        time: { known: 'epoch' as const, instant: at },
        flags: system ? { system: true as const } : {},
      },
    });
    const messages = [
      ...(input.messages ?? []),
      inGroup('Priya', 'Are you safe? Text me when home', '2025-03-24T01:05:00Z'),
      inGroup('Ryan', 'Ryan added Priya', '2025-03-24T00:59:00Z', true),
      // Not marked his at import, but the name on his record says whose it is.
      inGroup('Ryan Aldous', 'I saw Priya drop you off', '2025-03-24T01:07:00Z'),
    ];
    // A group picture message with no sender: SMS Backup & Restore names every member.
    const sms = (input.messages ?? []).find((m) => m.message.text === 'Answer your phone');
    if (sms === undefined) throw new Error('the kit has his text');
    messages.push({
      ...sms,
      id: `${sms.id.slice(0, -4)}9999` as typeof sms.id,
      message: {
        ...sms.message,
        key: 'group:mms',
        channel: 'mms',
        sender: 'Priya~+447700900481',
        senderAddress: 'Priya~+447700900481',
        text: 'Who is in this group?',
      },
    });
    const snapshot = buildSnapshot({ ...input, messages });
    // The account's thread keeps the whole group chat (control: the friend's line is there).
    expect(JSON.stringify(snapshot.messages)).toContain('Are you safe?');
    const rows = parseCsv(chronologyCsv(snapshot)).slice(1);
    const texts = rows.filter((r) => r[0] === 'Message').map((r) => r[6]);
    expect(texts).toContain('WhatsApp from Ryan: You cannot hide');
    expect(texts).toContain('WhatsApp from Ryan Aldous: I saw Priya drop you off');
    expect(texts.join('\n')).not.toContain('Are you safe?');
    expect(texts.join('\n')).not.toContain('added Priya');
    expect(texts.join('\n')).not.toContain('Who is in this group?');
    expect(JSON.stringify(snapshot.messages)).toContain('Who is in this group?');
  });

  it('lists his messages from a later export of his chat imported without naming him, by how the chat writes him', () => {
    const input = kitWithImports();
    const all = input.messages ?? [];
    const ryan = all.find((m) => m.message.text === 'You cannot hide');
    const firstExport = input.evidence.find((e) => e.body.id === importIds.chatWithHim);
    if (ryan === undefined || firstExport === undefined) throw new Error('the kit has his chat');
    // Both exports name the chat, so the later, longer one joins the first one's conversation.
    const named = all.map((m) =>
      m.exhibit.evidenceId === importIds.chatWithHim
        ? { ...m, message: { ...m.message, thread: 'Ryan' } }
        : m,
    );
    const laterId = `${importIds.chatWithHim.slice(0, -4)}7777` as typeof importIds.chatWithHim;
    const laterExport = {
      ...firstExport,
      body: {
        ...firstExport.body,
        id: laterId,
        exhibitRef: 'AB/14',
        originalName: 'WhatsApp Chat with Ryan (2).txt',
      },
    };
    let n = 0;
    // Imported without saying who he is: every line is `other` or hers, and "Ryan" is not a
    // name on his record ("Ryan Aldous").
    const later = (from: 'other' | 'self', sender: string, text: string, at: string) => {
      n += 1;
      return {
        ...ryan,
        id: `${ryan.id.slice(0, -4)}${(8000 + n).toString()}` as typeof ryan.id,
        exhibit: { evidenceId: laterId },
        from,
        message: {
          ...ryan.message,
          key: `later:${n}`,
          sender,
          text,
          thread: 'Ryan',
          time: { known: 'epoch' as const, instant: at },
        },
      };
    };
    const messages = [
      ...named,
      later('other', 'Ryan', 'Pick up or I come round', '2025-03-26T22:00:00Z'),
      later('other', 'ryan\u200e', 'Still waiting outside', '2025-03-26T22:30:00Z'),
      later('other', 'Priya', 'He is outside your flat, call 999', '2025-03-26T22:05:00Z'),
      later('self', 'Me', 'Please go home', '2025-03-26T22:10:00Z'),
    ];
    const snapshot = buildSnapshot({
      ...input,
      evidence: [...input.evidence, laterExport],
      messages,
    });
    const rows = parseCsv(chronologyCsv(snapshot)).slice(1);
    const texts = rows.filter((r) => r[0] === 'Message').map((r) => r[6] ?? '');
    expect(texts).toContain('WhatsApp from Ryan: You cannot hide');
    expect(texts).toContain('WhatsApp from Ryan: Pick up or I come round');
    expect(texts).toContain('WhatsApp from ryan\u200e: Still waiting outside');
    expect(rows.find((r) => r[6]?.includes('Pick up'))?.[9]).toMatch(/^AB\/14 /);
    // Control: another member of that chat, and her own line, are in his thread, not the chronology.
    expect(JSON.stringify(snapshot.messages)).toContain('He is outside your flat');
    expect(JSON.stringify(snapshot.messages)).toContain('Please go home');
    expect(texts.join('\n')).not.toContain('He is outside your flat');
    expect(texts.join('\n')).not.toContain('Please go home');
  });

  it("cuts a long message's text in the chronology and says how long it was", () => {
    const input = kitWithImports();
    const long = 'x'.repeat(5_000);
    const messages = (input.messages ?? []).map((m) =>
      m.message.text === 'You cannot hide' ? { ...m, message: { ...m.message, text: long } } : m,
    );
    const rows = parseCsv(chronologyCsv(buildSnapshot({ ...input, messages })));
    const row = rows.find((r) => r[6]?.startsWith('WhatsApp from Ryan'));
    expect(row?.[6]).toBe(
      `WhatsApp from Ryan: ${'x'.repeat(2_000)}… [cut here: 5,000 characters in all]`,
    );
  });

  it('writes the exhibit schedule with sizes and hashes', () => {
    const rows = parseCsv(exhibitsCsv(buildSnapshot(kitInput())));
    expect(rows[0]).toEqual([...EXHIBIT_COLUMNS]);
    expect(rows.slice(1).map((r) => [r[0], r[7], r[8], r[9]?.length])).toEqual([
      ['AB/1', 'img_1771.jpg', '32764', 64],
      ['AB/2', 'Screenshot_20250402.png', '9331', 64],
      ['EV-0003', 'scan of card.pdf', '120000', 64],
    ]);
  });
});
