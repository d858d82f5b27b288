import { type WallClock, wallClock } from './wall-clock';

/** A time found in a file name: the characters exactly as written, and what they say. */
export interface FileNameTime {
  raw: string;
  wallClock: WallClock;
}

type Reader = (m: RegExpExecArray) => WallClock | undefined;

const num = (s: string | undefined) => Number(s ?? 'NaN');

function twelveHour(hour: number, meridiem: string | undefined): number {
  if (meridiem === undefined) return hour;
  if (hour < 1 || hour > 12) return Number.NaN;
  const pm = meridiem.toLowerCase() === 'pm';
  return (hour % 12) + (pm ? 12 : 0);
}

const ymdhms: Reader = (m) =>
  wallClock(num(m[1]), num(m[2]), num(m[3]), [num(m[4]), num(m[5]), num(m[6])]);

/** Most specific first; each match must also be a real date and time, or the next is tried. */
const PATTERNS: readonly (readonly [RegExp, Reader])[] = [
  // WhatsApp Image 2025-03-03 at 14.05.09.jpeg; macOS Screenshot 2025-03-03 at 2.05.09 pm.png
  [
    /(\d{4})-(\d{2})-(\d{2}) at (\d{1,2})\.(\d{2})\.(\d{2})(?:[\s\u00a0\u202f]?([AaPp][Mm])\b)?/,
    (m) =>
      wallClock(num(m[1]), num(m[2]), num(m[3]), [
        twelveHour(num(m[4]), m[7]),
        num(m[5]),
        num(m[6]),
      ]),
  ],
  // signal-2025-03-03-140509.jpg, signal-2025-03-03-14-05-09-123.jpg, Screenshot_2025-03-03-14-05-09
  [/(?<!\d)(\d{4})-(\d{2})-(\d{2})[-_ T](\d{2})[-.:]?(\d{2})[-.:]?(\d{2})(?!\d)/, ymdhms],
  // IMG_20180725_163423.jpg, PXL_20240101_123456789.jpg, Screenshot_20250303-140509.png
  [/(?<!\d)(\d{4})(\d{2})(\d{2})[-_](\d{2})(\d{2})(\d{2})\d{0,3}(?!\d)/, ymdhms],
  // WhatsApp on Android: IMG-20250303-WA0001.jpg, VID-20250303-WA0001.mp4 (date only)
  [
    /(?<=(?<![A-Za-z])(?:IMG|VID|AUD|PTT|DOC|STK)-)(\d{4})(\d{2})(\d{2})(?=-WA\d+)/i,
    (m) => wallClock(num(m[1]), num(m[2]), num(m[3])),
  ],
];

/**
 * The time a phone or app wrote into a file name, if any. These are local clock times with
 * no time zone; WhatsApp's `VID-20250303-WA0001` names carry the date only.
 */
export function timeFromFileName(name: string): FileNameTime | undefined {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  for (const [pattern, read] of PATTERNS) {
    const m = pattern.exec(base);
    if (m === null) continue;
    const clock = read(m);
    if (clock !== undefined) return { raw: m[0], wallClock: clock };
  }
  return undefined;
}
