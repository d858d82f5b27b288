import { analyseCasebook } from '@casebook/core';
import { describe, expect, it } from 'vitest';
import { behaviourCounts, behaviourList, stalkingFacts } from './stalking-facts';
import { incident, person, personId } from './test-kit';

const now = { now: new Date('2026-03-30T12:00:00Z'), zone: 'Europe/London' };

describe('stalkingFacts', () => {
  const mark = person('Mark', { relationship: 'ex-partner' });
  const people = new Map([[mark.id as string, mark]]);
  const log = [
    incident('a', '2026-03-02T09:00', {
      behaviours: ['following', 'unwanted-texts'],
      channel: 'in-person',
      people: [personId('Mark')],
      impact: 'Scared to go out',
    }),
    incident('b', '2026-03-04T21:00', { behaviours: ['unwanted-texts'], channel: 'text' }),
    incident('c', '2026-03-17T10:00', {
      behaviours: ['damage-to-property'],
      people: [personId('Mark')],
    }),
  ];
  const facts = stalkingFacts(analyseCasebook(log, now), log, people);

  it('puts the casebook’s own figures beside each part of FOUR', () => {
    expect(facts.fixated).toBe('Mark is named on 2 incidents.');
    expect(facts.obsessive).toBe(
      'You logged 3 different kinds of behaviour, by 2 different ways of making contact.',
    );
    expect(facts.unwanted).toBe('You wrote down how it affected you for 1 incident of 3.');
    expect(facts.repeated).toBe('3 incidents over 3 weeks; the busiest week had 2.');
  });

  it('and beside each part of the law', () => {
    expect(facts.courseOfConduct).toBe(
      'Your log has 3 incidents: more than the two occasions a course of conduct needs.',
    );
    expect(facts.protectionOrder).toBe(
      '1 incident includes threats, damage, break-ins or violence.',
    );
    expect(facts.nonMolestation).toBe('You recorded Mark as your ex-partner.');
  });

  it('says so calmly when there is nothing yet', () => {
    const empty = stalkingFacts(analyseCasebook([], now), [], new Map());
    expect(empty.repeated).toBe('Nothing logged yet.');
    expect(empty.courseOfConduct).toBe('Your log has no incidents yet.');
  });

  it('counts each behaviour once per incident for the behaviour lists', () => {
    const counts = behaviourCounts([
      ...log,
      incident('d', '2026-03-18T10:00', { behaviours: ['unwanted-texts', 'unwanted-texts'] }),
    ]);
    expect(counts.get('unwanted-texts')).toBe(3);
    const contact = behaviourList(counts).find((g) => g.group === 'contact');
    expect(contact?.behaviours.find((x) => x.b.id === 'unwanted-texts')?.count).toBe(3);
    expect(behaviourList(counts).some((g) => g.group === 'other')).toBe(false);
  });
});
