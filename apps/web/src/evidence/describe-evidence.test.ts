import type { EvidenceItem } from '@casebook/core';
import { describe, expect, it } from 'vitest';
import { describeEvidence, mediaNoun, sameFileAs } from './describe-evidence';

const item = (over: Partial<EvidenceItem> = {}): EvidenceItem =>
  ({
    schema: 1,
    id: 'AAAAAAAAAAAAAAAAAAAAAA',
    blobId: 'BBBBBBBBBBBBBBBBBBBBBB',
    sha256: 'c'.repeat(64),
    size: 311_406,
    mediaType: 'image/jpeg',
    originalName: 'IMG_20180725_163423.jpg',
    intakeAt: '2026-03-03T14:02:00.000Z',
    source: 'upload',
    exhibitRef: 'AB/1',
    incidents: [],
    ...over,
  }) as EvidenceItem;

const value = (lines: { label: string; value: string }[], label: string) =>
  lines.find((l) => l.label === label)?.value;

describe('describeEvidence', () => {
  it('shows the EXIF time exactly as written, with no offset invented', () => {
    const lines = describeEvidence(
      item({
        extracted: {
          takenAt: { raw: '2018:07:25 16:34:23', source: 'exif' },
          gps: { lat: 50.2996028, lng: 14.8202944 },
          device: 'Google Pixel',
        },
      }),
    );
    expect(value(lines, 'Time taken')).toBe('2018:07:25 16:34:23');
    expect(value(lines, 'Time taken, in words')).toBe('Wed 25 Jul 2018, 16:34:23');
    expect(value(lines, 'Time zone offset')).toBe('Not recorded in the file');
    expect(value(lines, 'Where the time came from')).toBe(
      'The camera information in the file (EXIF)',
    );
    expect(value(lines, 'Location (GPS)')).toBe('50.2996028, 14.8202944');
    expect(value(lines, 'Device')).toBe('Google Pixel');
    expect(value(lines, 'Size')).toBe('311.4 KB (311,406 bytes)');
    expect(value(lines, 'SHA-256')).toBe('c'.repeat(64));
  });

  it('keeps an offset and says when the time came from the file name', () => {
    const lines = describeEvidence(
      item({ extracted: { takenAt: { raw: '20180725_163423', source: 'filename' } } }),
    );
    expect(value(lines, 'Where the time came from')).toBe('The file name');
    const withOffset = describeEvidence(
      item({
        extracted: { takenAt: { raw: '2025:03:03 14:05:09', offset: '+01:00', source: 'exif' } },
      }),
    );
    expect(value(withOffset, 'Time zone offset')).toBe('+01:00');
  });

  it('says when no time was found', () => {
    expect(value(describeEvidence(item()), 'Time taken')).toBe('Not found in the file or its name');
    expect(value(describeEvidence(item()), 'About these details')).toContain(
      'No camera information was found in this file.',
    );
  });

  it('shows a last-changed time as the best time available, with no made-up offset', () => {
    const lines = describeEvidence(
      item({
        extracted: {
          takenAt: { raw: '2026-03-03T14:05:09.000Z', offset: '+00:00', source: 'other' },
        },
      }),
    );
    expect(value(lines, 'Time taken')).toBe('Not found in the file or its name');
    expect(value(lines, 'Best time available')).toContain('when the file was last changed');
    expect(value(lines, 'Time zone offset')).toBeUndefined();
    expect(value(lines, 'Location (GPS)')).toBe('Not recorded in the file');
    const pdf = describeEvidence(item({ mediaType: 'application/pdf' }));
    expect(value(pdf, 'Location (GPS)')).toBeUndefined();
  });

  it('names other items holding the very same bytes', () => {
    const a = item();
    const b = item({
      id: 'DDDDDDDDDDDDDDDDDDDDDD',
      exhibitRef: 'AB/2',
      originalName: 'copy.jpg',
    } as Partial<EvidenceItem>);
    const c = item({
      id: 'EEEEEEEEEEEEEEEEEEEEEE',
      sha256: 'd'.repeat(64),
    } as Partial<EvidenceItem>);
    expect(sameFileAs(a, [a, b, c])).toBe(
      'AB/2 (copy.jpg). The files are identical, byte for byte. You can keep both, or delete one and say why.',
    );
    expect(sameFileAs(c, [a, b, c])).toBeUndefined();
  });

  it('has a word for each kind of file', () => {
    expect(
      ['image/png', 'audio/wav', 'video/mp4', 'application/pdf', 'text/html'].map(mediaNoun),
    ).toEqual(['photo', 'recording', 'video', 'document', 'file']);
  });
});
