import { describe, expect, it } from 'vitest';
import { BEHAVIOUR_GROUPS, BEHAVIOURS, type BehaviourId, behaviour } from './behaviours';
import { CHANNELS } from './channels';
import { PERSON_ROLES, RELATIONSHIPS } from './people';
import { PLACE_TYPES } from './place-types';
import { POLICE_CONTACTED, POLICE_METHODS } from './police-contact';
import { SEED_SOURCES, type SeedSource } from './seed-sources';

// Stored records refer to these ids. A rename or removal must fail here; additions are appended.
const FROZEN = {
  behaviours: [
    'following',
    'watching-or-spying',
    'loitering-near-home',
    'loitering-near-work',
    'loitering-at-other-places',
    'turning-up-unannounced',
    'driving-past',
    'surveillance',
    'staring',
    'letting-you-know-they-are-watching',
    'unwanted-calls',
    'unwanted-texts',
    'unwanted-messages',
    'unwanted-social-media',
    'unwanted-email',
    'unwanted-letters',
    'unwanted-gifts',
    'notes-on-car',
    'damage-to-property',
    'interfering-with-property',
    'break-in',
    'burglary-or-robbery',
    'threat-of-violence',
    'threat-of-sexual-violence',
    'threat-to-kill',
    'threat-of-self-harm',
    'threat-to-children',
    'threat-to-others',
    'harassing-family-or-friends',
    'harassing-colleagues',
    'spreading-lies',
    'claiming-a-relationship',
    'engaging-others-to-help',
    'gathering-information',
    'searching-records',
    'befriending-people-close-to-you',
    'hacking-accounts',
    'spyware-or-tracking',
    'cyber-stalking',
    'identity-theft',
    'harming-pets',
    'physical-assault',
    'sexual-assault',
    'antisocial-behaviour',
    'bullying',
    'other',
  ],
  channels: [
    'in-person',
    'phone-call',
    'text',
    'messaging-app',
    'social-media',
    'email',
    'post',
    'gift-or-parcel',
    'through-another-person',
    'other-online',
  ],
  placeTypes: ['home', 'work', 'school', 'gym', 'street', 'online', 'phone', 'other'],
  roles: ['offender', 'witness', 'trusted-contact'],
  relationships: [
    'ex-partner',
    'partner',
    'family',
    'colleague',
    'neighbour',
    'acquaintance',
    'stranger',
    'unknown',
    'other',
  ],
  policeContacted: ['yes', 'no', 'not-yet'],
  policeMethods: ['999', '101', 'online', 'in-person', 'other'],
};

const CURRENT = {
  behaviours: BEHAVIOURS,
  channels: CHANNELS,
  placeTypes: PLACE_TYPES,
  roles: PERSON_ROLES,
  relationships: RELATIONSHIPS,
  policeContacted: POLICE_CONTACTED,
  policeMethods: POLICE_METHODS,
};

describe.each(Object.entries(CURRENT))('%s taxonomy', (name, entries) => {
  const ids = entries.map((e) => e.id);

  it('keeps every frozen id, in order', () => {
    expect(ids).toEqual(FROZEN[name as keyof typeof FROZEN]);
  });

  it('has unique kebab-case ids and UK English labels', () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of entries) {
      expect(e.id).toMatch(/^([a-z]+|\d+)(-[a-z]+)*$/);
      expect(e.label.trim()).not.toBe('');
      expect(e.label).not.toMatch(/\b(color|neighbor|behavior|center)/i);
    }
  });
});

describe('behaviours', () => {
  it('each has a group, a severity from 1 to 4 and at least one source', () => {
    for (const b of BEHAVIOURS) {
      expect(Object.keys(BEHAVIOUR_GROUPS)).toContain(b.group);
      expect([1, 2, 3, 4]).toContain(b.severity);
      expect(b.seeds.length).toBeGreaterThan(0);
      for (const s of b.seeds) expect(Object.keys(SEED_SOURCES)).toContain(s);
    }
  });

  it('rates threats, damage, entry and assault above nuisance contact', () => {
    const sev = (id: BehaviourId) => behaviour(id).severity;
    expect(sev('unwanted-texts')).toBe(1);
    for (const id of [
      'threat-of-violence',
      'damage-to-property',
      'break-in',
      'physical-assault',
    ] as const) {
      expect(sev(id)).toBeGreaterThanOrEqual(3);
    }
    expect(sev('threat-to-kill')).toBe(4);
    expect(sev('sexual-assault')).toBe(4);
  });
});

// Every item of every behaviour list in shared/seeds, verbatim, and the behaviours it maps to.
const SEED_LISTS: readonly (readonly [SeedSource, string, readonly BehaviourId[]])[] = [
  ['000_65250fb71b2a335f', 'Repeatedly follow or spy on you', ['following', 'watching-or-spying']],
  [
    '000_65250fb71b2a335f',
    'Let you know that they are watching you, or know your routines',
    ['letting-you-know-they-are-watching'],
  ],
  ['000_65250fb71b2a335f', 'Regularly give you unwanted gifts', ['unwanted-gifts']],
  [
    '000_65250fb71b2a335f',
    'Make unwanted, malicious or threatening communication (this could be by phone or text, or harassing you on social media)',
    [
      'unwanted-calls',
      'unwanted-texts',
      'unwanted-social-media',
      'unwanted-messages',
      'threat-of-violence',
    ],
  ],
  [
    '000_65250fb71b2a335f',
    'Send messages or tell lies about you to a partner, friends or family',
    ['spreading-lies', 'harassing-family-or-friends'],
  ],
  [
    '000_65250fb71b2a335f',
    "Claim to be in a relationship with you, when this isn't true",
    ['claiming-a-relationship'],
  ],
  ['000_65250fb71b2a335f', 'Damage your property', ['damage-to-property']],
  ['000_65250fb71b2a335f', 'Hack your emails or phone calls', ['hacking-accounts']],
  ['000_65250fb71b2a335f', 'Cyber-stalking (following your activity online)', ['cyber-stalking']],
  ['000_65250fb71b2a335f', 'Physical or sexual assault', ['physical-assault', 'sexual-assault']],
  [
    '000_65250fb71b2a335f',
    'disconnect any smartphone devices or online accounts ... which may enable them to track your location',
    ['spyware-or-tracking'],
  ],
  [
    '001_5badb2ba1e4a4a0a',
    'frequent phone calls and text messages',
    ['unwanted-calls', 'unwanted-texts'],
  ],
  ['001_5badb2ba1e4a4a0a', 'messages on social media', ['unwanted-social-media']],
  ['001_5badb2ba1e4a4a0a', 'notes left on your car', ['notes-on-car']],
  ['001_5badb2ba1e4a4a0a', 'gifts left at your home', ['unwanted-gifts']],
  ['001_5badb2ba1e4a4a0a', 'being followed', ['following']],
  ['001_5badb2ba1e4a4a0a', 'being continually stared at', ['staring']],
  ['001_5badb2ba1e4a4a0a', 'someone visiting your home or workplace', ['turning-up-unannounced']],
  ['001_5badb2ba1e4a4a0a', 'threats or violence', ['threat-of-violence', 'physical-assault']],
  ['001_5badb2ba1e4a4a0a', 'damage to property.', ['damage-to-property']],
  [
    '002_7e4faddf7540c658',
    'Frequent, unwanted contact. This can include text messages, telephone calls, social media or appearing at the home or workplace.',
    ['unwanted-texts', 'unwanted-calls', 'unwanted-social-media', 'turning-up-unannounced'],
  ],
  ['002_7e4faddf7540c658', 'Driving past the victim’s home or work.', ['driving-past']],
  [
    '002_7e4faddf7540c658',
    'Following or watching the victim.',
    ['following', 'watching-or-spying'],
  ],
  [
    '002_7e4faddf7540c658',
    'Sending letters or unwanted gifts to the victim.',
    ['unwanted-letters', 'unwanted-gifts'],
  ],
  [
    '002_7e4faddf7540c658',
    'Damage, burglary or robbery of the victim’s home, workplace or vehicle.',
    ['damage-to-property', 'burglary-or-robbery'],
  ],
  [
    '002_7e4faddf7540c658',
    'Threats of harm to the victim and/or others associated with them. This might include sexual violence and threats to kill.',
    ['threat-of-violence', 'threat-to-others', 'threat-of-sexual-violence', 'threat-to-kill'],
  ],
  [
    '002_7e4faddf7540c658',
    'Harassment of people associated with the victim (e.g. family members, partner, work colleagues).',
    ['harassing-family-or-friends', 'harassing-colleagues'],
  ],
  [
    '002_7e4faddf7540c658',
    'Physical and/or sexual assault of the victim and even murder.',
    ['physical-assault', 'sexual-assault'],
  ],
  ['002_7e4faddf7540c658', 'received post or e-mail', ['unwanted-letters', 'unwanted-email']],
  [
    '002_7e4faddf7540c658',
    'Have they vandalised or destroyed your property?',
    ['damage-to-property'],
  ],
  [
    '002_7e4faddf7540c658',
    'Have they turned up unannounced more than three times a week?',
    ['turning-up-unannounced'],
  ],
  [
    '002_7e4faddf7540c658',
    'Have they followed or loitered near your home or workplace?',
    ['following', 'loitering-near-home', 'loitering-near-work'],
  ],
  [
    '002_7e4faddf7540c658',
    'Have they made threats of a physical or sexual violence nature?',
    ['threat-of-violence', 'threat-of-sexual-violence'],
  ],
  [
    '002_7e4faddf7540c658',
    'Have they harassed or stalked any third party since the harassment began?',
    ['harassing-family-or-friends', 'harassing-colleagues'],
  ],
  [
    '002_7e4faddf7540c658',
    'Have they engaged other people to help with their activities?',
    ['engaging-others-to-help'],
  ],
  ['002_7e4faddf7540c658', 'Have they attempted/threatened suicide?', ['threat-of-self-harm']],
  ['003_3e3776f8e8344a54', 'Antisocial behaviour', ['antisocial-behaviour']],
  ['003_3e3776f8e8344a54', 'Bullying at school or in the workplace', ['bullying']],
  [
    '003_3e3776f8e8344a54',
    'Frequent unwanted communications or gifts',
    ['unwanted-gifts', 'unwanted-letters', 'unwanted-messages'],
  ],
  [
    '003_3e3776f8e8344a54',
    'Telephone calls, text messages or other contact such as via the internet or social networking sites',
    [
      'unwanted-calls',
      'unwanted-texts',
      'unwanted-messages',
      'unwanted-email',
      'unwanted-social-media',
    ],
  ],
  ['003_3e3776f8e8344a54', 'Damaging the victim’s property', ['damage-to-property']],
  [
    '003_3e3776f8e8344a54',
    'Harassment of people associated with the victim, e.g. family members, partners, work colleagues.',
    ['harassing-family-or-friends', 'harassing-colleagues'],
  ],
  ['003_3e3776f8e8344a54', 'Persistently following someone', ['following']],
  ['003_3e3776f8e8344a54', 'Watching or spying on someone', ['watching-or-spying']],
  ['003_3e3776f8e8344a54', 'Repeatedly going uninvited to their home', ['turning-up-unannounced']],
  [
    '003_3e3776f8e8344a54',
    'Monitoring someone’s use of the internet, email or other form of electronic communication via spyware or tracking apps.',
    ['cyber-stalking', 'spyware-or-tracking'],
  ],
  ['003_3e3776f8e8344a54', 'Interfering with their property', ['interfering-with-property']],
  ['003_3e3776f8e8344a54', 'Identify theft', ['identity-theft']],
  ['003_3e3776f8e8344a54', 'Abusing victim’s pets', ['harming-pets']],
  ['003_3e3776f8e8344a54', 'Threatening to harm children', ['threat-to-children']],
  [
    '004_263530a507bd51f8',
    'Persistent phone calls, text messages or letters.',
    ['unwanted-calls', 'unwanted-texts', 'unwanted-letters'],
  ],
  ['004_263530a507bd51f8', 'Sending unwanted gifts.', ['unwanted-gifts']],
  ['004_263530a507bd51f8', 'Breaking into your home or car.', ['break-in']],
  [
    '004_263530a507bd51f8',
    'Waiting at venues such as your workplace, home, or gym.',
    ['loitering-near-work', 'loitering-near-home', 'loitering-at-other-places'],
  ],
  [
    '004_263530a507bd51f8',
    'Gathering information about you, befriending people you are close to, or searching for information in personal or public records.',
    ['gathering-information', 'befriending-people-close-to-you', 'searching-records'],
  ],
  ['004_263530a507bd51f8', 'Surveillance.', ['surveillance']],
  [
    '004_263530a507bd51f8',
    'Check your devices for apps that may have been installed that can keep track of you.',
    ['spyware-or-tracking'],
  ],
];

describe('seed lists', () => {
  it.each(SEED_LISTS)('%s: "%s" maps to behaviours that cite that page', (seed, _item, ids) => {
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(behaviour(id).seeds).toContain(seed);
  });

  it('every behaviour is reached by some seed item, except those only in PRODUCT.md', () => {
    const reached = new Set(SEED_LISTS.flatMap(([, , ids]) => ids));
    const unreached = BEHAVIOURS.filter((b) => !reached.has(b.id)).map((b) => b.id);
    expect(unreached).toEqual(['other']);
  });

  it('every page a behaviour cites has a seed item mapping to it (no made-up sources)', () => {
    for (const b of BEHAVIOURS) {
      for (const seed of b.seeds) {
        if (seed === 'product') continue;
        const cited = SEED_LISTS.some(([s, , ids]) => s === seed && ids.includes(b.id));
        expect(cited, `${b.id} cites ${seed}`).toBe(true);
      }
    }
  });
});
