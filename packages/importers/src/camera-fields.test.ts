import { ExtractedMetadataSchema } from '@casebook/core';
import { describe, expect, it } from 'vitest';
import { extractMetadata } from './extract-metadata';
import { NOTES } from './notes';
import { buildExifJpeg, dms, type ExifSpec, TAG, type TiffTag } from './testing/build-exif-jpeg';

const ascii = (tag: number, value: string): TiffTag => ({ tag, ascii: value });

async function extract(spec: ExifSpec, name = 'photo.jpg') {
  const result = await extractMetadata(buildExifJpeg(spec), { name });
  expect(ExtractedMetadataSchema.parse(result.metadata)).toEqual(result.metadata);
  return result;
}

const london = (latRef = 'N', lngRef = 'W', lat = dms(51, 30, 26.46), lng = dms(0, 7, 39.93)) => [
  ascii(TAG.GPSLatitudeRef, latRef),
  { tag: TAG.GPSLatitude, rationals: lat },
  ascii(TAG.GPSLongitudeRef, lngRef),
  { tag: TAG.GPSLongitude, rationals: lng },
];

describe('camera time from synthetic EXIF', () => {
  it('keeps DateTimeOriginal with its OffsetTimeOriginal, unshifted', async () => {
    const result = await extract({
      exif: [
        ascii(TAG.DateTimeOriginal, '2025:03:30 01:30:00'),
        ascii(TAG.OffsetTimeOriginal, '+01:00'),
        ascii(TAG.OffsetTime, '+02:00'),
      ],
    });
    expect(result.metadata.takenAt).toEqual({
      raw: '2025:03:30 01:30:00',
      offset: '+01:00',
      source: 'exif',
    });
    expect(result.takenAtClock).toEqual({ date: '2025-03-30', time: '01:30:00' });
    expect(result.notes).toEqual([NOTES.timeFromCamera]);
  });

  it('uses OffsetTime when the original time has no offset of its own', async () => {
    const result = await extract({
      exif: [ascii(TAG.DateTimeOriginal, '2025:03:03 14:05:09'), ascii(TAG.OffsetTime, '-05:00')],
    });
    expect(result.metadata.takenAt).toEqual({
      raw: '2025:03:03 14:05:09',
      offset: '-05:00',
      source: 'exif',
    });
  });

  it('drops an impossible offset with a note but keeps the time', async () => {
    const result = await extract({
      exif: [
        ascii(TAG.DateTimeOriginal, '2025:03:03 14:05:09'),
        ascii(TAG.OffsetTimeOriginal, '+25:00'),
      ],
    });
    expect(result.metadata.takenAt).toEqual({ raw: '2025:03:03 14:05:09', source: 'exif' });
    expect(result.notes).toEqual([NOTES.badOffset, NOTES.timeFromCameraNoOffset]);
  });

  it('falls back to CreateDate (DateTimeDigitized) with OffsetTimeDigitized', async () => {
    const result = await extract({
      exif: [
        ascii(TAG.DateTimeDigitized, '2024:12:31 23:59:59'),
        ascii(TAG.OffsetTimeDigitized, '+00:00'),
      ],
    });
    expect(result.metadata.takenAt).toEqual({
      raw: '2024:12:31 23:59:59',
      offset: '+00:00',
      source: 'exif',
    });
  });

  it('falls back to IFD0 DateTime when it is the only time', async () => {
    const result = await extract({ ifd0: [ascii(TAG.DateTime, '2019:02:28 08:00:00')] });
    expect(result.metadata.takenAt).toEqual({ raw: '2019:02:28 08:00:00', source: 'exif' });
  });

  it('skips a blank DateTimeOriginal for the next time that reads', async () => {
    const result = await extract({
      exif: [
        ascii(TAG.DateTimeOriginal, '    :  :     :  :  '),
        ascii(TAG.DateTimeDigitized, '2020:01:01 10:00:00'),
      ],
    });
    expect(result.metadata.takenAt?.raw).toBe('2020:01:01 10:00:00');
  });

  it('with only blank or impossible times, says so and uses the file name', async () => {
    const result = await extract(
      {
        exif: [ascii(TAG.DateTimeOriginal, '0000:00:00 00:00:00')],
        ifd0: [ascii(TAG.DateTime, '2025:02:30 10:00:00')],
      },
      'IMG_20250303_140509.jpg',
    );
    expect(result.metadata.takenAt).toEqual({ raw: '20250303_140509', source: 'filename' });
    expect(result.notes).toEqual([NOTES.blankCameraTime, NOTES.timeFromFileName]);
  });

  it('camera information with no time at all: says so, keeps the device', async () => {
    const result = await extract({
      ifd0: [ascii(TAG.Make, 'Apple'), ascii(TAG.Model, 'iPhone 13')],
    });
    expect(result.metadata).toEqual({ device: 'Apple iPhone 13' });
    expect(result.notes).toEqual([NOTES.noCameraTime, NOTES.noTime]);
  });
});

describe('GPS from synthetic EXIF', () => {
  it('reads north/west as positive/negative decimal degrees', async () => {
    const result = await extract({ gps: london() });
    expect(result.metadata.gps).toEqual({ lat: 51.50735, lng: -0.1277583 });
  });

  it('reads south/east', async () => {
    const result = await extract({ gps: london('S', 'E', dms(33, 52, 4), dms(151, 12, 36)) });
    expect(result.metadata.gps).toEqual({ lat: -33.8677778, lng: 151.21 });
  });

  it.each([
    ['latitude over 90', london('N', 'W', dms(91, 0, 0))],
    ['longitude over 180', london('N', 'E', dms(51, 0, 0), dms(181, 0, 0))],
    ['minutes of 60 or more', london('N', 'W', dms(51, 60, 0))],
    ['an unknown hemisphere', london('X', 'W')],
    ['a missing hemisphere', london('N', 'W').filter((t) => t.tag !== TAG.GPSLatitudeRef)],
    ['a missing longitude', london().filter((t) => t.tag !== TAG.GPSLongitude)],
    [
      'a zero denominator',
      london('N', 'W', [
        [51, 0],
        [30, 1],
        [0, 1],
      ]),
    ],
  ])('leaves out GPS with %s, with a note', async (_, gps) => {
    const result = await extract({
      exif: [ascii(TAG.DateTimeOriginal, '2025:03:03 14:05:09')],
      gps,
    });
    expect(result.metadata.gps).toBeUndefined();
    expect(result.metadata.takenAt?.raw).toBe('2025:03:03 14:05:09');
    expect(result.notes).toContain(NOTES.unreadableGps);
  });

  it('treats exactly 0°, 0° as no fix', async () => {
    const result = await extract({ gps: london('N', 'E', dms(0, 0, 0), dms(0, 0, 0)) });
    expect(result.metadata.gps).toBeUndefined();
    expect(result.notes).toContain(NOTES.nullIslandGps);
  });
});

describe('device', () => {
  it.each([
    ['Canon', 'Canon EOS 30D', 'Canon EOS 30D'],
    ['Google', 'Pixel 8', 'Google Pixel 8'],
    ['samsung', 'SM-G991B', 'samsung SM-G991B'],
    ['', 'iPhone 15', 'iPhone 15'],
    ['  Apple\u0001 ', '', 'Apple'],
  ])('Make %j + Model %j → %j', async (make, model, device) => {
    const ifd0 = [ascii(TAG.Make, make), ascii(TAG.Model, model)];
    const result = await extract({ ifd0 });
    expect(result.metadata.device).toBe(device);
  });
});
