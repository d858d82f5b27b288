import { ExtractedMetadataSchema } from '@casebook/core';
import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { fixtureImage } from '../test/fixture-images';
import { extractMetadata } from './extract-metadata';
import { NOTES } from './notes';

const PIXEL_GPS = { lat: 50.2996028, lng: 14.8202944 };

async function extract(file: string, name = file, lastModified?: string) {
  const info = lastModified === undefined ? { name } : { name, lastModified };
  const result = await extractMetadata(fixtureImage(file), info);
  // Whatever comes out must be storable as it is.
  expect(ExtractedMetadataSchema.parse(result.metadata)).toEqual(result.metadata);
  return result;
}

describe('extractMetadata on the real sample images', () => {
  it('Pixel JPEG: raw camera time with no offset, GPS and device', async () => {
    const result = await extract('IMG_20180725_163423-tiny.jpg');
    expect(result.metadata).toEqual({
      takenAt: { raw: '2018:07:25 16:34:23', source: 'exif' },
      gps: PIXEL_GPS,
      device: 'Google Pixel',
    });
    expect(result.takenAtClock).toEqual({ date: '2018-07-25', time: '16:34:23' });
    expect(result.notes).toEqual([NOTES.timeFromCameraNoOffset]);
  });

  it('PNG with an eXIf chunk: camera time, GPS and device', async () => {
    const result = await extract('png_with_exif_and_gps.png');
    expect(result.metadata).toEqual({
      takenAt: { raw: '2003:12:14 12:01:44', source: 'exif' },
      gps: PIXEL_GPS,
      device: 'Canon PowerShot S40',
    });
  });

  it('Canon JPEG without GPS: no location, and the make is not repeated', async () => {
    const result = await extract('img_1771.jpg');
    expect(result.metadata).toEqual({
      takenAt: { raw: '2003:12:14 12:01:44', source: 'exif' },
      device: 'Canon PowerShot S40',
    });
    expect(result.notes).not.toContain(NOTES.unreadableGps);
  });

  it.each(['img_1771_no_exif.jpg', 'noexif.jpg'])(
    '%s: says there is no camera information',
    async (file) => {
      const result = await extract(file, 'photo.jpg');
      expect(result.metadata).toEqual({});
      expect(result.takenAtClock).toBeUndefined();
      expect(result.notes).toEqual([NOTES.noCameraInfo, NOTES.noTime]);
    },
  );

  it('stripped JPEG named like a screenshot: the time comes from the file name', async () => {
    const result = await extract('noexif.jpg', 'Screenshot_20250303-140509.jpg');
    expect(result.metadata).toEqual({ takenAt: { raw: '20250303-140509', source: 'filename' } });
    expect(result.takenAtClock).toEqual({ date: '2025-03-03', time: '14:05:09' });
    expect(result.notes).toEqual([NOTES.noCameraInfo, NOTES.timeFromFileName]);
  });

  it('stripped JPEG with an unhelpful name: falls back to last modified, offset kept', async () => {
    const result = await extract('img_1771_no_exif.jpg', 'photo.jpg', '2025-03-03T14:05:09.250Z');
    expect(result.metadata).toEqual({
      takenAt: { raw: '2025-03-03T14:05:09.250Z', offset: '+00:00', source: 'other' },
    });
    expect(result.takenAtClock).toEqual({ date: '2025-03-03', time: '14:05:09' });
    expect(result.notes).toEqual([NOTES.noCameraInfo, NOTES.timeFromLastModified]);
  });

  it('broken1.jpg: time and device kept, malformed GPS left out with a note', async () => {
    const result = await extract('broken1.jpg');
    expect(result.metadata).toEqual({
      takenAt: { raw: '2007:08:15 10:13:13', source: 'exif' },
      device: 'Canon EOS 30D',
    });
    expect(result.notes).toContain(NOTES.unreadableGps);
  });

  it('issue-exifr-4.jpg (from a parser bug report): no throw, no camera information', async () => {
    const result = await extract('issue-exifr-4.jpg', 'pano.jpg');
    expect(result.metadata).toEqual({});
    expect(result.notes).toEqual([NOTES.noCameraInfo, NOTES.noTime]);
  });

  it('heic-single.heic: exifr finds no Exif item in it, so nothing is invented', async () => {
    // The file holds two HEVC items (image and thumbnail) and no Exif item: exifr returns
    // undefined. If a future exifr reads something here, this test says so.
    expect(await exifr.parse(fixtureImage('heic-single.heic'), true)).toBeUndefined();
    const result = await extract('heic-single.heic', 'IMG_4410.HEIC', '2024-06-01T09:30:00+01:00');
    expect(result.metadata).toEqual({
      takenAt: { raw: '2024-06-01T09:30:00+01:00', offset: '+01:00', source: 'other' },
    });
    expect(result.notes).toEqual([NOTES.noCameraInfo, NOTES.timeFromLastModified]);
  });
});

describe('extractMetadata never shifts times by the machine’s time zone', () => {
  async function underZone<T>(zone: string, run: () => Promise<T>): Promise<T> {
    const before = process.env.TZ;
    process.env.TZ = zone;
    try {
      return await run();
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  }

  it('gives the same result in Kiritimati (+14) and Los Angeles (-7/-8)', async () => {
    const bytes = fixtureImage('IMG_20180725_163423-tiny.jpg');
    const east = await underZone('Pacific/Kiritimati', () => extractMetadata(bytes, { name: 'a' }));
    const west = await underZone('America/Los_Angeles', () =>
      extractMetadata(bytes, { name: 'a' }),
    );
    expect(east).toEqual(west);
    expect(east.metadata.takenAt?.raw).toBe('2018:07:25 16:34:23');
  });

  it('positive control: exifr’s default (revived Dates) does shift with the zone', async () => {
    const bytes = fixtureImage('IMG_20180725_163423-tiny.jpg');
    const read = async () => {
      const out = await exifr.parse(bytes, { pick: ['DateTimeOriginal'] });
      return (out.DateTimeOriginal as Date).toISOString();
    };
    const east = await underZone('Pacific/Kiritimati', read);
    const west = await underZone('America/Los_Angeles', read);
    expect(east).not.toBe(west);
  });
});

describe('extractMetadata on bad input', () => {
  it.each([
    ['an empty file', new Uint8Array(0), [NOTES.emptyFile, NOTES.noTime]],
    [
      'a bare PNG signature',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]),
      [NOTES.noCameraInfo, NOTES.noTime],
    ],
    ['a PDF', new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n'), [NOTES.unreadableKind, NOTES.noTime]],
    [
      'a truncated JPEG',
      new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x10]),
      [NOTES.damagedCameraInfo, NOTES.noTime],
    ],
  ])('%s: a result with notes, not a throw', async (_, bytes, notes) => {
    const result = await extractMetadata(bytes, { name: 'file' });
    expect(result).toEqual({ metadata: {}, notes });
  });

  it('a TIFF header pointing past the end: notes that it is damaged', async () => {
    const bytes = new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 0xff, 0xff]);
    const result = await extractMetadata(bytes, { name: 'scan.tif' });
    expect(result.metadata).toEqual({});
    expect(result.notes).toContain(NOTES.damagedCameraInfo);
  });

  it('an unreadable last-modified time is noted and not used', async () => {
    const result = await extractMetadata(new Uint8Array(0), {
      name: 'x',
      lastModified: 'yesterday',
    });
    expect(result.metadata).toEqual({});
    expect(result.notes).toEqual([NOTES.emptyFile, NOTES.badLastModified, NOTES.noTime]);
  });
});
