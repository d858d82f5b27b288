import { escalationSignals } from '@casebook/core';
import { describe, expect, it } from 'vitest';
import { describeSignal } from './escalation-text';
import { incident } from './test-kit';

describe('describeSignal', () => {
  const log = [
    incident('a', '2026-03-02T09:00', { behaviours: ['unwanted-texts'], channel: 'text' }),
    incident('b', '2026-03-09T09:00', { behaviours: ['unwanted-calls'], channel: 'phone-call' }),
    incident('c', '2026-03-10T09:00', { behaviours: ['harassing-family-or-friends'] }),
    incident('d', '2026-03-17T22:00', { behaviours: ['threat-of-violence'] }),
    incident('e', '2026-03-18T22:00', { behaviours: ['unwanted-texts'] }),
    incident('f', '2026-03-19T22:00', { behaviours: ['unwanted-texts'] }),
    incident('g', '2026-03-20T22:00', { behaviours: ['unwanted-texts'] }),
  ];
  const signals = escalationSignals(log, {
    now: new Date('2026-03-21T12:00:00Z'),
    zone: 'Europe/London',
  });
  const text = (kind: string) => {
    const s = signals.find((x) => x.kind === kind);
    if (!s) throw new Error(`no ${kind}`);
    return describeSignal(s, false);
  };

  it('words a first serious behaviour, and says when nothing before was as serious', () => {
    expect(text('first-serious')).toEqual({
      heading: 'First time: threats of violence or harm to you',
      text: 'You first logged this on 17 March. Nothing you logged before it was this serious.',
      serious: true,
    });
  });

  it('words new channels and contact with people around you', () => {
    expect(text('new-channel').text).toBe('The first incident by “Phone call” was on 9 March.');
    expect(text('third-party-contact').text).toBe(
      'The first time it reached people around you was on 10 March: contacting or harassing your family or friends.',
    );
  });

  it('words a rising frequency with both windows', () => {
    expect(
      describeSignal(
        {
          kind: 'frequency-rising',
          date: '2026-03-21',
          windowDays: 28,
          recentCount: 9,
          previousCount: 4,
          incidentIds: [],
          previousIncidentIds: [],
        },
        true,
      ),
    ).toEqual({
      heading: 'Happening more often',
      text: '9 incidents in the last 4 weeks, against 4 in the 4 weeks before.',
      serious: true,
    });
  });
});
