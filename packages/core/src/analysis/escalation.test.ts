import { describe, expect, it } from 'vitest';
import { escalationSignals } from './escalation';
import { BST, id, incident } from './test-kit';

const opts = { now: new Date('2025-04-28T12:00:00Z'), zone: 'Europe/London' };

describe('escalationSignals: first serious behaviour, new channels, third parties', () => {
  const log = [
    incident('a', '2025-03-01T10:00', { behaviours: ['unwanted-texts'], channel: 'text' }),
    incident('b', '2025-03-01T11:00', { behaviours: ['unwanted-calls'], channel: 'phone-call' }),
    incident('c', '2025-03-03T09:00', { behaviours: ['threat-of-violence'], channel: 'text' }),
    incident('d', '2025-03-05T09:00', { behaviours: ['damage-to-property'], channel: 'in-person' }),
    incident('e', '2025-03-06T09:00', {
      behaviours: ['threat-of-violence', 'harassing-colleagues'],
    }),
    incident('f', '2025-03-07T09:00', { behaviours: ['spreading-lies'] }),
    incident('g', '2025-04-02T09:00', { ...BST, behaviours: ['threat-to-kill', 'break-in'] }),
  ];

  it('gives each signal in date order with the incident behind it', () => {
    const signals = escalationSignals(log, { ...opts, minRecent: 99 });
    expect(signals).toEqual([
      {
        kind: 'first-serious',
        date: '2025-03-03',
        behaviour: 'threat-of-violence',
        severity: 3,
        category: 'threat',
        moreSeriousThanBefore: true,
        incidentIds: [id('c')],
      },
      {
        kind: 'first-serious',
        date: '2025-03-05',
        behaviour: 'damage-to-property',
        severity: 3,
        category: 'damage',
        moreSeriousThanBefore: false,
        incidentIds: [id('d')],
      },
      // `b` is on the first day: phone calls were there from the start, so not "new".
      { kind: 'new-channel', date: '2025-03-05', channel: 'in-person', incidentIds: [id('d')] },
      {
        kind: 'third-party-contact',
        date: '2025-03-06',
        behaviours: ['harassing-colleagues'],
        throughAnotherPerson: false,
        incidentIds: [id('e')],
      },
      // Two firsts on one incident come in taxonomy order.
      {
        kind: 'first-serious',
        date: '2025-04-02',
        behaviour: 'break-in',
        severity: 4,
        category: 'break-in',
        moreSeriousThanBefore: true,
        incidentIds: [id('g')],
      },
      {
        kind: 'first-serious',
        date: '2025-04-02',
        behaviour: 'threat-to-kill',
        severity: 4,
        category: 'threat',
        moreSeriousThanBefore: true,
        incidentIds: [id('g')],
      },
    ]);
  });

  it('counts contact through another person as reaching third parties', () => {
    const signals = escalationSignals(
      [incident('x', '2025-03-01T10:00', { channel: 'through-another-person' })],
      opts,
    );
    expect(signals).toEqual([
      {
        kind: 'third-party-contact',
        date: '2025-03-01',
        behaviours: [],
        throughAnotherPerson: true,
        incidentIds: [id('x')],
      },
    ]);
  });
});

describe('escalationSignals: frequency rising', () => {
  // now = 28 April: recent window 1–28 April, previous window 4–31 March.
  const previous = [incident('p1', '2025-03-10T10:00'), incident('p2', '2025-03-31T22:00', BST)];
  const recent = ['02', '09', '16', '28'].map((d) => incident(`r${d}`, `2025-04-${d}T10:00`, BST));
  const rising = (log: Parameters<typeof escalationSignals>[0]) =>
    escalationSignals(log, opts).filter((s) => s.kind === 'frequency-rising');

  it('fires at 4 recent against 2 before (ratio 2 ≥ 1.5)', () => {
    expect(rising([...previous, ...recent])).toEqual([
      {
        kind: 'frequency-rising',
        date: '2025-04-28',
        windowDays: 28,
        recentCount: 4,
        previousCount: 2,
        incidentIds: recent.map((i) => i.id),
        previousIncidentIds: [id('p1'), id('p2')],
      },
    ]);
  });

  it('does not fire below the minimum count (3 recent)', () => {
    expect(rising([...previous, ...recent.slice(1)])).toEqual([]);
  });

  it('does not fire when the rise is under 1.5 times (4 against 3)', () => {
    expect(rising([...previous, incident('p3', '2025-03-04T10:00'), ...recent])).toEqual([]);
  });

  it('ignores incidents before the previous window (3 March)', () => {
    expect(rising([...previous, incident('old', '2025-03-03T10:00'), ...recent])).toHaveLength(1);
  });

  it('does not fire when the log began inside the recent window', () => {
    expect(rising(recent)).toEqual([]);
  });
});
