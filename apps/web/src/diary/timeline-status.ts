const n = (count: number) => count.toLocaleString('en-GB');

/**
 * The timeline's status line. While the older incidents are still loading after unlock it
 * says so, and a count is never given as if it were the whole casebook.
 */
export function timelineStatus(s: {
  filtering: boolean;
  matching: number;
  live: number;
  /** Whether every incident has arrived (`DiaryData.loaded`). */
  complete: boolean;
}): string {
  if (!s.complete) {
    return s.filtering
      ? `${n(s.matching)} of the ${n(s.live)} newest incidents match. Loading older incidents…`
      : `Loading older incidents… the newest ${n(s.live)} are shown.`;
  }
  return s.filtering
    ? `${n(s.matching)} of ${n(s.live)} incidents match.`
    : `${n(s.live)} incident${s.live === 1 ? '' : 's'}, newest first.`;
}
