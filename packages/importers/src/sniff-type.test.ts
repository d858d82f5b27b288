import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureImage } from '../test/fixture-images';
import { MEDIA_LABELS } from './media-types';
import { sniffMediaType } from './sniff-type';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const join = (...parts: (string | readonly number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...ascii(p)] : [...p])));
const u32 = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const ftyp = (major: string, ...compatible: string[]) =>
  join(u32(16 + 4 * compatible.length), 'ftyp', major, [0, 0, 0, 0], ...compatible, u32(8), 'mdat');
const zipEntry = (name: string) =>
  join('PK\x03\x04', new Array(22).fill(0), [name.length, 0, 0, 0], name);
const OOXML_DOC = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('sniffMediaType on real files', () => {
  it.each([
    ['IMG_20180725_163423-tiny.jpg', 'image/jpeg', 'JPEG image'],
    ['png_with_exif_and_gps.png', 'image/png', 'PNG image'],
    ['heic-single.heic', 'image/heic', 'HEIC photo'],
  ])('%s → %s', (file, mediaType, label) => {
    const bytes = fixtureImage(file);
    expect(sniffMediaType(bytes.subarray(0, 4096), file)).toEqual({
      mediaType,
      matchesName: true,
      label,
      scriptable: false,
    });
  });

  it('an iPhone photo with an upper-case .HEIC extension matches its name', () => {
    expect(sniffMediaType(fixtureImage('heic-single.heic'), 'IMG_0001.HEIC').matchesName).toBe(
      true,
    );
  });

  it('a JPEG renamed .png is still a JPEG, flagged as not matching its name', () => {
    const result = sniffMediaType(fixtureImage('noexif.jpg'), 'evidence.png');
    expect(result).toMatchObject({ mediaType: 'image/jpeg', matchesName: false });
  });
});

describe('sniffMediaType on minimal headers', () => {
  it.each([
    ['GIF', join('GIF89a', [1, 0, 1, 0]), 'a.gif', 'image/gif'],
    ['WebP', join('RIFF', u32(0), 'WEBPVP8 '), 'a.webp', 'image/webp'],
    ['TIFF', join('II*\0', [8, 0, 0, 0]), 'scan.tif', 'image/tiff'],
    ['AVIF', ftyp('avif', 'avif', 'mif1', 'miaf'), 'a.avif', 'image/avif'],
    ['HEIF with a generic brand', ftyp('mif1', 'mif1', 'miaf'), 'a.heif', 'image/heif'],
    ['MP4 video', ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'), 'clip.mp4', 'video/mp4'],
    ['M4A by brand', ftyp('M4A ', 'M4A ', 'mp42', 'isom'), 'voice.m4a', 'audio/mp4'],
    ['MOV', ftyp('qt  ', 'qt  '), 'IMG_0001.MOV', 'video/quicktime'],
    ['old QuickTime', join(u32(8), 'wide', u32(8), 'mdat'), 'old.mov', 'video/quicktime'],
    ['3GP', ftyp('3gp4', 'isom', '3gp4'), 'clip.3gp', 'video/3gpp'],
    ['MP3 with ID3', join('ID3', [4, 0, 0, 0, 0, 0, 0]), 'song.mp3', 'audio/mpeg'],
    ['MP3 frame sync', join([0xff, 0xfb, 0x90, 0x64, 0, 0]), 'song.mp3', 'audio/mpeg'],
    ['AAC (ADTS)', join([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f]), 'a.aac', 'audio/aac'],
    ['WAV', join('RIFF', u32(36), 'WAVEfmt '), 'call.wav', 'audio/wav'],
    [
      'Ogg Opus',
      join('OggS', [0, 2], new Array(20).fill(0), 'OpusHead'),
      'PTT-20250303-WA0001.opus',
      'audio/ogg',
    ],
    ['Ogg Theora', join('OggS', [0, 2], new Array(20).fill(0), '\x80theora'), 'a.ogv', 'video/ogg'],
    ['FLAC', join('fLaC', [0, 0, 0, 34]), 'a.flac', 'audio/flac'],
    ['AMR', join('#!AMR\n', [0x3c]), 'voice.amr', 'audio/amr'],
    [
      'WebM',
      join([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], 'webm'),
      'a.webm',
      'video/webm',
    ],
    ['PDF', join('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), 'letter.pdf', 'application/pdf'],
    ['Word', zipEntry('word/document.xml'), 'statement.docx', OOXML_DOC],
    ['a plain ZIP', zipEntry('photos/1.jpg'), 'photos.zip', 'application/zip'],
  ])('%s → %s, matching its name', (_, bytes, name, mediaType) => {
    const result = sniffMediaType(bytes, name);
    expect(result.mediaType).toBe(mediaType);
    expect(result.matchesName).toBe(true);
    expect(result.scriptable).toBe(false);
  });

  it('a generic MP4 brand is audio when the name says .m4a, video otherwise', () => {
    const bytes = ftyp('isom', 'isom', 'mp42');
    expect(sniffMediaType(bytes, 'voice.m4a').mediaType).toBe('audio/mp4');
    expect(sniffMediaType(bytes, 'voice.mp4').mediaType).toBe('video/mp4');
    expect(sniffMediaType(bytes, 'voice').mediaType).toBe('video/mp4');
  });

  it('an Office file whose parts start past the sample: the name decides, else "zip"', () => {
    const bytes = zipEntry('[Content_Types].xml');
    expect(sniffMediaType(bytes, 'statement.docx').mediaType).toBe(OOXML_DOC);
    expect(sniffMediaType(bytes, 'statement.zip').mediaType).toBe('application/zip');
    expect(sniffMediaType(zipEntry('a.txt'), 'statement.docx')).toMatchObject({
      mediaType: 'application/zip',
      matchesName: true,
      label: 'ZIP archive',
    });
  });

  it('a PDF named .jpg does not match its name', () => {
    expect(sniffMediaType(ascii('%PDF-1.4\n'), 'photo.jpg')).toEqual({
      mediaType: 'application/pdf',
      matchesName: false,
      label: 'PDF document',
      scriptable: false,
    });
  });
});

describe('sniffMediaType on text', () => {
  const email = [
    'Received: from mail.example.org by mx.example.com; Mon, 3 Mar 2025 14:05:09 +0000',
    'From: "Someone" <someone@example.org>',
    'To: me@example.com',
    'Date: Mon, 3 Mar 2025 14:05:09 +0000',
    "Subject: You can't hide",
    '  from me',
    'Message-ID: <abc@example.org>',
    '',
    'Body text.',
  ].join('\r\n');

  it('an email (.eml) from its header lines', () => {
    expect(sniffMediaType(ascii(email), 'message.eml')).toEqual({
      mediaType: 'message/rfc822',
      matchesName: true,
      label: 'Email message',
      scriptable: false,
    });
    expect(sniffMediaType(ascii(email), 'message').mediaType).toBe('message/rfc822');
  });

  it('an email whose routing headers fill the whole 4 KiB sample', () => {
    const hop = (i: number) =>
      `Received: from relay${i}.example.net (relay${i}.example.net [192.0.2.${i}])\r\n\tby mx.example.com with ESMTPS id ${i}\r\n`;
    const head = `Delivered-To: me@example.com\r\nReturn-Path: <x@example.org>\r\n${Array.from({ length: 60 }, (_, i) => hop(i)).join('')}`;
    expect(head.length).toBeGreaterThan(4096);
    expect(sniffMediaType(ascii(head), 'download').mediaType).toBe('message/rfc822');
  });

  it('a mailbox starts with a "From " line', () => {
    expect(
      sniffMediaType(
        ascii(`From someone@example.org Mon Mar  3 14:05:09 2025\n${email}`),
        'Inbox.mbox',
      ).mediaType,
    ).toBe('application/mbox');
  });

  it.each([
    ['Note: buy milk\nTodo: call the police\n', 'notes.txt', 'text/plain', true],
    ['a,b\n1,2\n', 'calls.csv', 'text/csv', true],
    ['{"a": 1}', 'data.json', 'application/json', true],
    ['[03/03/2025, 14:05:09] Sam: where are you\n', '_chat.txt', 'text/plain', true],
    ['Plain words in a file named like a photo', 'photo.jpg', 'text/plain', false],
    ['Café ☕ naïve – “quotes”', 'utf8.txt', 'text/plain', true],
  ])('%j as %s → %s', (text, name, mediaType, matchesName) => {
    expect(sniffMediaType(new TextEncoder().encode(text), name)).toMatchObject({
      mediaType,
      matchesName,
    });
  });

  it('text whose sample ends half-way through a character is still text', () => {
    const bytes = new TextEncoder().encode(`${'a'.repeat(4095)}€ more`);
    expect(sniffMediaType(bytes, 'long.txt').mediaType).toBe('text/plain');
  });

  it('looks only at the first 4 KiB', () => {
    const bytes = new Uint8Array(8192).fill(0x61);
    bytes[5000] = 0;
    expect(sniffMediaType(bytes, 'a.txt').mediaType).toBe('text/plain');
    bytes[100] = 0;
    expect(sniffMediaType(bytes, 'a.txt').mediaType).toBe('application/octet-stream');
  });

  it.each([
    [
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      'logo.svg',
      'image/svg+xml',
      true,
    ],
    ['<svg onload="alert(1)"/>', 'cute-cat.png', 'image/svg+xml', false],
    ['<!DOCTYPE html><html><body>hi</body></html>', 'page.html', 'text/html', true],
    ['<!-- saved --><html><script>x()</script></html>', 'page.txt', 'text/html', false],
    ['<?xml version="1.0"?><note/>', 'note.xml', 'application/xml', true],
  ])('%j as %s → %s, flagged scriptable', (text, name, mediaType, matchesName) => {
    expect(sniffMediaType(ascii(text), name)).toMatchObject({
      mediaType,
      matchesName,
      scriptable: true,
    });
  });
});

describe('sniffMediaType on anything else', () => {
  it('unknown binary is application/octet-stream; only a claiming extension disagrees', () => {
    const bytes = new Uint8Array([0x00, 0x13, 0x37, 0x00, 0xfe]);
    expect(sniffMediaType(bytes, 'backup.bin')).toEqual({
      mediaType: 'application/octet-stream',
      matchesName: true,
      label: 'Unknown file type',
      scriptable: false,
    });
    expect(sniffMediaType(bytes, 'photo.jpg').matchesName).toBe(false);
  });

  it('Latin-1 (not UTF-8) bytes are not called text', () => {
    expect(sniffMediaType(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), 'a.txt').mediaType).toBe(
      'application/octet-stream',
    );
  });

  it('an empty file says so', () => {
    expect(sniffMediaType(new Uint8Array(0), 'photo.jpg')).toEqual({
      mediaType: 'application/octet-stream',
      matchesName: false,
      label: 'Empty file',
      scriptable: false,
    });
  });

  it('never throws on random bytes and names, and always names a known type', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 5000 }),
        fc.string({ maxLength: 40 }),
        (bytes, name) => {
          const result = sniffMediaType(bytes, name);
          expect(Object.keys(MEDIA_LABELS)).toContain(result.mediaType);
          expect(result.label.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
