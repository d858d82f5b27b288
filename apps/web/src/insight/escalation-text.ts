import type { EscalationSignal } from '@casebook/core';
import { behaviourLabel, channelLabel } from '../diary/labels';
import { formatLocalDate } from './format-date';

/** A call-out: a heading, a sentence, and whether it is one of the most serious kinds. */
export interface Callout {
  readonly heading: string;
  readonly text: string;
  readonly serious: boolean;
}

/** Plain words for one escalation signal; `withYear` when the log spans years. */
export function describeSignal(signal: EscalationSignal, withYear: boolean): Callout {
  const on = `on ${formatLocalDate(signal.date, withYear)}`;
  switch (signal.kind) {
    case 'first-serious':
      return {
        heading: `First time: ${behaviourLabel(signal.behaviour).toLowerCase()}`,
        text: `You first logged this ${on}.${
          signal.moreSeriousThanBefore ? ' Nothing you logged before it was this serious.' : ''
        }`,
        serious: true,
      };
    case 'new-channel':
      return {
        heading: 'A new way of reaching you',
        text: `The first incident by “${channelLabel(signal.channel)}” was ${on}.`,
        serious: false,
      };
    case 'third-party-contact':
      return {
        heading: 'People around you',
        text: `The first time it reached people around you was ${on}${
          signal.behaviours.length > 0
            ? `: ${signal.behaviours.map((b) => behaviourLabel(b).toLowerCase()).join('; ')}`
            : signal.throughAnotherPerson
              ? ': it came through another person'
              : ''
        }.`,
        serious: false,
      };
    case 'frequency-rising': {
      const weeks =
        signal.windowDays % 7 === 0
          ? `${signal.windowDays / 7} weeks`
          : `${signal.windowDays} days`;
      return {
        heading: 'Happening more often',
        text: `${signal.recentCount} incidents in the last ${weeks}, against ${signal.previousCount} in the ${weeks} before.`,
        serious: true,
      };
    }
  }
}
