import { newId, PersonIdSchema } from '../ids';
import type { Random } from '../ports';
import { PERSON_SCHEMA_VERSION, type Person } from '../records/person';
import type { Vehicle } from '../records/vehicle';

/**
 * The fictional people of the demo case. Names are invented; phone numbers are in Ofcom's
 * drama range (07700 900000–900999); emails use the reserved example.com/.org domains;
 * plates start with Z, a letter never issued first on current GB plates.
 */
export interface DemoCast {
  readonly offender: Person;
  readonly unknown: Person;
  readonly neighbour: Person;
  readonly colleague: Person;
  readonly sister: Person;
  /** First name of the person responsible, as the narratives use it. */
  readonly offenderName: string;
  readonly offenderCar: Vehicle;
  readonly unknownCar: Vehicle;
}

export function buildDemoCast(random: Random): DemoCast {
  const id = () => newId(PersonIdSchema, random);
  const base = () => ({
    schema: PERSON_SCHEMA_VERSION,
    names: [],
    phones: [],
    emails: [],
    handles: [],
    vehicles: [],
  });
  const offenderCar: Vehicle = {
    make: 'Vauxhall',
    model: 'Astra',
    colour: 'Dark grey',
    plate: 'ZQ68 QXV',
  };
  const unknownCar: Vehicle = { colour: 'Silver', model: 'Hatchback', plate: 'ZK1? (partial)' };
  return {
    offenderName: 'Ryan',
    offenderCar,
    unknownCar,
    offender: {
      ...base(),
      id: id(),
      role: 'offender',
      relationship: 'ex-partner',
      names: ['Ryan Aldous', 'Ry'],
      phones: ['07700 900481', '07700 900927'],
      emails: ['ryan.aldous@example.com', 'r.aldous84@example.org'],
      handles: [
        { platform: 'Instagram', handle: '@ry.aldous_84' },
        { platform: 'Facebook', handle: 'Ryan Aldous' },
      ],
      vehicles: [offenderCar],
      description:
        'White man, 41, about 5 ft 11, short dark hair going grey, scar on left eyebrow.',
      notes: 'We were together for four years and separated last year. He knows my family.',
    },
    unknown: {
      ...base(),
      id: id(),
      role: 'offender',
      relationship: 'unknown',
      vehicles: [unknownCar],
      description:
        'Man, perhaps in his 30s, stocky, beard, usually a black cap and grey hooded top.',
      notes: 'I do not know who he is. He may be a friend of Ryan.',
    },
    neighbour: {
      ...base(),
      id: id(),
      role: 'witness',
      relationship: 'neighbour',
      names: ['Mrs Patel (number 14)'],
      phones: ['07700 900215'],
      notes: 'Has a doorbell camera that faces the street.',
    },
    colleague: {
      ...base(),
      id: id(),
      role: 'witness',
      relationship: 'colleague',
      names: ['Tom Whitfield'],
      phones: ['07700 900356'],
      emails: ['tom.whitfield@example.org'],
    },
    sister: {
      ...base(),
      id: id(),
      role: 'trusted-contact',
      relationship: 'family',
      names: ['Jess'],
      phones: ['07700 900642'],
      notes: 'Knows everything that is happening. Happy to be called at any time.',
    },
  };
}
