import type { EvidenceItem } from '@casebook/core';
import { NOTES } from '@casebook/importers';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_NOTES, evidenceNotes, formatWallClock, takenAtInWords } from './evidence-times';

const item = (over: Partial<EvidenceItem> = {}): EvidenceItem =>
  ({
    schema: 1,
    id: 'AAAAAAAAAAAAAAAAAAAAAA',
    blobId: 'BBBBBBBBBBBBBBBBBBBBBB',
    sha256: 'c'.repeat(64),
    size: 8_318,
    mediaType: 'image/jpeg',
    originalName: 'photo.jpg',
    intakeAt: '2026-03-03T14:02:00.000Z',
    source: 'upload',
    exhibitRef: 'AB/1',
    incidents: [],
    ...over,
  }) as EvidenceItem;

describe('takenAtInWords', () => {
  it('writes a camera time out in full without moving it into any time zone', () => {
    // 23:30 on the camera's clock stays 23:30 and on the same day, whatever this machine's zone.
    const words = takenAtInWords(
      item({ extracted: { takenAt: { raw: '2018:12:31 23:30:05', source: 'exif' } } }),
    );
    expect(words).toBe('Mon 31 Dec 2018, 23:30:05');
  });

  it('reads the time from the whole file name, and says when only the date is known', () => {
    expect(
      takenAtInWords(
        item({
          originalName: 'Screenshot_20250303-140509.png',
          extracted: { takenAt: { raw: '20250303-140509', source: 'filename' } },
        }),
      ),
    ).toBe('Mon 3 Mar 2025, 14:05:09');
    expect(
      takenAtInWords(
        item({
          originalName: 'IMG-20250303-WA0004.jpg',
          extracted: { takenAt: { raw: '20250303', source: 'filename' } },
        }),
      ),
    ).toBe('Mon 3 Mar 2025 (the date only)');
  });

  it('says a last-changed time is in this device’s time', () => {
    expect(
      takenAtInWords(
        item({
          extracted: {
            takenAt: { raw: '2026-03-03T14:05:09.000Z', offset: '+00:00', source: 'other' },
          },
        }),
      ),
    ).toMatch(
      /^\d{1,2} Mar 2026, \d\d:\d\d in this device’s time, when the file was last changed$/,
    );
  });

  it('gives nothing rather than a wrong reading', () => {
    expect(takenAtInWords(item())).toBeUndefined();
    expect(
      takenAtInWords(
        item({ extracted: { takenAt: { raw: '2018:02:30 10:00:00', source: 'exif' } } }),
      ),
    ).toBeUndefined();
    expect(formatWallClock({ date: '2025-03-03' })).toBe('Mon 3 Mar 2025');
  });
});

describe('evidenceNotes', () => {
  it('a camera photo: the camera clock, whether its zone is known, and a missing location', () => {
    expect(
      evidenceNotes(
        item({
          extracted: {
            takenAt: { raw: '2003:12:14 12:01:44', source: 'exif' },
            device: 'Canon PowerShot S40',
          },
        }),
      ),
    ).toEqual([NOTES.timeFromCameraNoOffset, EVIDENCE_NOTES.noLocation]);
    expect(
      evidenceNotes(
        item({
          extracted: {
            takenAt: { raw: '2025:03:03 14:05:09', offset: '+01:00', source: 'exif' },
            gps: { lat: 50.2996028, lng: 14.8202944 },
          },
        }),
      ),
    ).toEqual([NOTES.timeFromCamera]);
  });

  it('a screenshot: no camera information (usual), the time from its name, what to do next', () => {
    expect(
      evidenceNotes(
        item({
          mediaType: 'image/png',
          originalName: 'Screenshot_20250303-140509.png',
          extracted: { takenAt: { raw: '20250303-140509', source: 'filename' } },
        }),
      ),
    ).toEqual([EVIDENCE_NOTES.noCameraInfo, NOTES.timeFromFileName, EVIDENCE_NOTES.addWhenKnown]);
    expect(
      evidenceNotes(
        item({
          originalName: 'IMG-20250303-WA0004.jpg',
          extracted: { takenAt: { raw: '20250303', source: 'filename' } },
        }),
      ),
    ).toEqual([EVIDENCE_NOTES.noCameraInfo, NOTES.dateFromFileName, EVIDENCE_NOTES.addWhenKnown]);
  });

  it('other files: the last-changed time or no time, never a word about cameras', () => {
    expect(
      evidenceNotes(
        item({
          mediaType: 'application/pdf',
          extracted: {
            takenAt: { raw: '2026-03-03T14:05:09.000Z', offset: '+00:00', source: 'other' },
          },
        }),
      ),
    ).toEqual([NOTES.timeFromLastModified, EVIDENCE_NOTES.addWhenKnown]);
    expect(evidenceNotes(item({ mediaType: 'audio/wav' }))).toEqual([
      NOTES.noTime,
      EVIDENCE_NOTES.addWhenKnown,
    ]);
    expect(evidenceNotes(item({ mediaType: 'image/svg+xml' }))).not.toContain(
      EVIDENCE_NOTES.noCameraInfo,
    );
  });
});
