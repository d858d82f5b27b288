import { parseWhatsApp } from '../src/messages/parse-whatsapp';
import { fixtureText } from './message-fixtures';

/**
 * Time cases that must read the same under any host zone: the London clock changes, the
 * same chat read in New York and Tokyo, and a month-first file. Run from one test file per
 * host zone (`process.env.TZ` set before any date is made).
 */
export function zoneCaseResults(): string[] {
  const out: string[] = [];
  const clockChanges = fixtureText('whatsapp/london-clock-changes.txt');
  for (const zone of ['Europe/London', 'America/New_York', 'Asia/Tokyo']) {
    const r = parseWhatsApp(clockChanges, { zone });
    if (!r.ok) throw new Error(JSON.stringify(r));
    for (const m of r.value.messages) {
      if (m.time.known !== 'wall-clock') throw new Error('expected a wall clock');
      const flag = m.time.ambiguous ? ' ambiguous' : m.time.nonexistent ? ' nonexistent' : '';
      out.push(`${zone} ${m.time.local} ${m.time.offset} ${m.time.instant}${flag}`);
    }
  }
  const us = parseWhatsApp(fixtureText('whatsapp/android-en-us-12h.txt'), {
    zone: 'America/Chicago',
  });
  if (!us.ok) throw new Error(JSON.stringify(us));
  for (const m of us.value.messages) {
    out.push(`America/Chicago ${m.time.known === 'unreadable' ? '' : m.time.instant}`);
  }
  return out;
}

const L = 'Europe/London';
const NY = 'America/New_York';
const T = 'Asia/Tokyo';
/** Worked out by hand from the zones' rules (London: BST from 01:00 UTC 31 Mar to 01:00 UTC 27 Oct 2024). */
export const EXPECTED_ZONE_CASES = [
  `${L} 2024-03-31T00:59:00 +00:00 2024-03-31T00:59:00.000Z`,
  `${L} 2024-03-31T01:30:00 +00:00 2024-03-31T01:30:00.000Z nonexistent`,
  `${L} 2024-03-31T02:01:00 +01:00 2024-03-31T01:01:00.000Z`,
  `${L} 2024-10-27T00:59:00 +01:00 2024-10-26T23:59:00.000Z`,
  `${L} 2024-10-27T01:30:00 +01:00 2024-10-27T00:30:00.000Z ambiguous`,
  `${L} 2024-10-27T01:50:00 +01:00 2024-10-27T00:50:00.000Z ambiguous`,
  `${L} 2024-10-27T01:10:00 +00:00 2024-10-27T01:10:00.000Z ambiguous`,
  `${L} 2024-10-27T01:30:00 +00:00 2024-10-27T01:30:00.000Z ambiguous`,
  `${L} 2024-10-27T02:05:00 +00:00 2024-10-27T02:05:00.000Z`,
  // New York changed on 10 Mar and 3 Nov 2024: the London change dates are ordinary there.
  `${NY} 2024-03-31T00:59:00 -04:00 2024-03-31T04:59:00.000Z`,
  `${NY} 2024-03-31T01:30:00 -04:00 2024-03-31T05:30:00.000Z`,
  `${NY} 2024-03-31T02:01:00 -04:00 2024-03-31T06:01:00.000Z`,
  `${NY} 2024-10-27T00:59:00 -04:00 2024-10-27T04:59:00.000Z`,
  `${NY} 2024-10-27T01:30:00 -04:00 2024-10-27T05:30:00.000Z`,
  `${NY} 2024-10-27T01:50:00 -04:00 2024-10-27T05:50:00.000Z`,
  `${NY} 2024-10-27T01:10:00 -04:00 2024-10-27T05:10:00.000Z`,
  `${NY} 2024-10-27T01:30:00 -04:00 2024-10-27T05:30:00.000Z`,
  `${NY} 2024-10-27T02:05:00 -04:00 2024-10-27T06:05:00.000Z`,
  `${T} 2024-03-31T00:59:00 +09:00 2024-03-30T15:59:00.000Z`,
  `${T} 2024-03-31T01:30:00 +09:00 2024-03-30T16:30:00.000Z`,
  `${T} 2024-03-31T02:01:00 +09:00 2024-03-30T17:01:00.000Z`,
  `${T} 2024-10-27T00:59:00 +09:00 2024-10-26T15:59:00.000Z`,
  `${T} 2024-10-27T01:30:00 +09:00 2024-10-26T16:30:00.000Z`,
  `${T} 2024-10-27T01:50:00 +09:00 2024-10-26T16:50:00.000Z`,
  `${T} 2024-10-27T01:10:00 +09:00 2024-10-26T16:10:00.000Z`,
  `${T} 2024-10-27T01:30:00 +09:00 2024-10-26T16:30:00.000Z`,
  `${T} 2024-10-27T02:05:00 +09:00 2024-10-26T17:05:00.000Z`,
  // Chicago: CDT (-05:00) from 10 Mar 2024, so 9:05 PM on 12 Mar is 02:05 UTC on the 13th.
  'America/Chicago 2024-03-13T02:05:00.000Z',
  'America/Chicago 2024-03-13T02:05:00.000Z',
  'America/Chicago 2024-03-13T02:06:00.000Z',
  'America/Chicago 2024-03-13T05:01:00.000Z',
  'America/Chicago 2024-03-13T17:30:00.000Z',
  'America/Chicago 2024-03-25T06:15:00.000Z',
];
