import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timeFromFileName } from './file-name-time';

describe('timeFromFileName', () => {
  it.each([
    ['Screenshot_20250303-140509.png', '20250303-140509', '2025-03-03', '14:05:09'],
    ['IMG_20180725_163423.jpg', '20180725_163423', '2018-07-25', '16:34:23'],
    ['PXL_20240101_123456789.jpg', '20240101_123456789', '2024-01-01', '12:34:56'],
    ['20250303_140509.jpg', '20250303_140509', '2025-03-03', '14:05:09'],
    [
      'WhatsApp Image 2025-03-03 at 14.05.09.jpeg',
      '2025-03-03 at 14.05.09',
      '2025-03-03',
      '14:05:09',
    ],
    [
      'WhatsApp Video 2025-03-03 at 09.05.09 (1).mp4',
      '2025-03-03 at 09.05.09',
      '2025-03-03',
      '09:05:09',
    ],
    ['Screenshot 2025-03-03 at 14.05.09.png', '2025-03-03 at 14.05.09', '2025-03-03', '14:05:09'],
    [
      'Screenshot 2025-03-03 at 2.05.09\u202fpm.png',
      '2025-03-03 at 2.05.09\u202fpm',
      '2025-03-03',
      '14:05:09',
    ],
    [
      'Screenshot 2025-03-03 at 12.05.09 AM.png',
      '2025-03-03 at 12.05.09 AM',
      '2025-03-03',
      '00:05:09',
    ],
    ['signal-2025-03-03-140509.jpg', '2025-03-03-140509', '2025-03-03', '14:05:09'],
    ['signal-2025-03-03-14-05-09-123.jpg', '2025-03-03-14-05-09', '2025-03-03', '14:05:09'],
    [
      'Screenshot_2025-03-03-14-05-09-123_com.whatsapp.jpg',
      '2025-03-03-14-05-09',
      '2025-03-03',
      '14:05:09',
    ],
    ['/sdcard/DCIM/Camera/IMG_20240229_235959.jpg', '20240229_235959', '2024-02-29', '23:59:59'],
    [
      'C:\\Users\\me\\Pictures\\Screenshot_20250303-140509.png',
      '20250303-140509',
      '2025-03-03',
      '14:05:09',
    ],
  ])('%s → %s', (name, raw, date, time) => {
    expect(timeFromFileName(name)).toEqual({ raw, wallClock: { date, time } });
  });

  it.each([
    ['VID-20250303-WA0001.mp4', '20250303'],
    ['IMG-20250303-WA0042.jpg', '20250303'],
    ['PTT-20250303-WA0007.opus', '20250303'],
  ])('%s → the date only', (name, raw) => {
    expect(timeFromFileName(name)).toEqual({ raw, wallClock: { date: '2025-03-03' } });
  });

  it.each([
    'IMG_1234.jpg',
    'photo.jpg',
    'Screenshot_20250230-140509.png', // 30 February
    'IMG_20230229_120000.jpg', // 2023 is not a leap year
    'IMG_20250303_250000.jpg', // hour 25
    'IMG_12340101_120000.jpg', // year 1234
    'Screenshot 2025-03-03 at 13.05.09 pm.png', // 13 pm
    'VID-20251301-WA0001.mp4', // month 13
    'scan_2025030314050912.pdf', // too many digits to be a time
    '',
  ])('%j → nothing', (name) => {
    expect(timeFromFileName(name)).toBeUndefined();
  });

  it('round-trips every real date and time in the Pixel and Android screenshot forms', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2099-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom('PXL_%_042.jpg', 'Screenshot_%.png', 'IMG_%.jpg'),
        (d, pattern) => {
          const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
          const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
          const stamp = `${date.replaceAll('-', '')}${pattern.startsWith('Screenshot') ? '-' : '_'}${time.replaceAll(':', '')}`;
          const found = timeFromFileName(pattern.replace('%', stamp));
          expect(found?.wallClock).toEqual({ date, time });
        },
      ),
    );
  });

  it('never throws, and anything it finds is a real date', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (name) => {
        const found = timeFromFileName(name);
        if (found === undefined) return;
        expect(name).toContain(found.raw);
        expect(Number.isNaN(Date.parse(`${found.wallClock.date}T00:00:00Z`))).toBe(false);
      }),
    );
  });
});
