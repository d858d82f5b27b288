import { describe, expect, it } from 'vitest';
import { peopleInvolved } from './people-involved';
import { normalisePlaceText, recurringPlaces } from './recurring-places';
import { id, incident, personId } from './test-kit';

describe('recurringPlaces', () => {
  const log = [
    incident('a', '2025-03-01T10:00', { location: { text: 'Outside my flat', placeType: 'home' } }),
    incident('b', '2025-03-02T10:00', {
      location: { text: ' outside  my FLAT. ', placeType: 'home' },
    }),
    incident('c', '2025-03-03T10:00', {
      location: { text: 'Outside my flat', placeType: 'street' },
    }),
    incident('d', '2025-03-04T10:00', { location: { text: 'Café on Mill Lane' } }),
    incident('e', '2025-03-05T10:00', { location: { text: 'cafe on mill lane' } }),
    incident('f', '2025-03-06T10:00', { location: { placeType: 'home' } }),
    incident('g', '2025-03-07T10:00'),
  ];

  it('counts kinds of place and groups the same words at the same kind of place', () => {
    const { byPlaceType, recurring } = recurringPlaces(log);
    expect(byPlaceType).toEqual([
      { placeType: 'home', count: 3, incidentIds: [id('a'), id('b'), id('f')] },
      { placeType: 'street', count: 1, incidentIds: [id('c')] },
    ]);
    expect(recurring).toEqual([
      // Equal counts sort by key; '|' (no place type) sorts after letters.
      {
        key: 'home|outside my flat',
        text: 'Outside my flat',
        placeType: 'home',
        count: 2,
        incidentIds: [id('a'), id('b')],
      },
      {
        key: '|cafe on mill lane',
        text: 'Café on Mill Lane',
        count: 2,
        incidentIds: [id('d'), id('e')],
      },
    ]);
  });

  it('normalises case, accents, punctuation and spaces', () => {
    expect(normalisePlaceText('  Café,   Mill-Lane! ')).toBe('cafe mill lane');
    expect(normalisePlaceText('...')).toBe('');
  });
});

describe('peopleInvolved', () => {
  it('counts incidents per person, most first, a person listed twice counted once', () => {
    const [p1, p2] = [personId('one'), personId('two')];
    const people = peopleInvolved([
      incident('a', '2025-03-01T10:00', { people: [p1] }),
      incident('b', '2025-03-02T10:00', { people: [p2, p1, p1] }),
      incident('c', '2025-03-03T10:00', { people: [p1] }),
      incident('d', '2025-03-04T10:00'),
    ]);
    expect(people).toEqual([
      { personId: p1, count: 3, incidentIds: [id('a'), id('b'), id('c')] },
      { personId: p2, count: 1, incidentIds: [id('b')] },
    ]);
  });
});
