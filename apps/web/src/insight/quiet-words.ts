import type { QuietPeriods } from '@casebook/core';
import { formatLocalDate } from './format-date';
import type { WeeklyStacks } from './weekly-stacks';

const days = (n: number) => (n === 1 ? '1 day' : `${n.toLocaleString('en-GB')} days`);
const AFTER = 'Quiet spells can end suddenly; keep your safety plan going.';

/**
 * "Quiet spells" in words, counting the time since the last entry too: months with nothing
 * logged after the last incident are a quiet spell, often the longest.
 */
export function quietSpellText(quiet: QuietPeriods, withYear: boolean): string | undefined {
  const longest = quiet.longest[0];
  const since = quiet.sinceLast && quiet.sinceLast.days >= 1 ? quiet.sinceLast : undefined;
  if (since && (!longest || since.durationMs >= longest.durationMs)) {
    return `Nothing has been logged for ${days(since.days)}, since ${formatLocalDate(since.from, withYear)}. That is the longest quiet spell in your log. ${AFTER}`;
  }
  if (!longest) return undefined;
  const to = longest.to ? ` to ${formatLocalDate(longest.to, withYear)}` : '';
  const now = since
    ? ` It is now ${days(since.days)} since the last entry, on ${formatLocalDate(since.from, withYear)}.`
    : '';
  return `The longest time with nothing logged was ${days(longest.days)}, from ${formatLocalDate(longest.from, withYear)}${to}.${now} ${AFTER}`;
}

/**
 * The weekly chart ends at the last week with an entry, rather than running on to today with
 * empty weeks; how many empty weeks followed is said in words beside it.
 */
export function trimQuietWeeks(stacks: WeeklyStacks): {
  stacks: WeeklyStacks;
  quietWeeks: number;
  lastWeekStarting: string | undefined;
} {
  let end = stacks.weeks.length;
  while (end > 0 && (stacks.weeks[end - 1]?.total ?? 0) === 0) end--;
  return {
    stacks: { ...stacks, weeks: stacks.weeks.slice(0, end) },
    quietWeeks: stacks.weeks.length - end,
    lastWeekStarting: stacks.weeks[end - 1]?.weekStarting,
  };
}
