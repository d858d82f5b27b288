import type { SeedSource } from './seed-sources';
import { taxonomySchema } from './taxonomy-entry';

/**
 * Behaviour ids, in display order. Stable forever: stored incidents refer to them.
 * Add new ids at the end of a group's run; never rename or remove one.
 */
export const BEHAVIOUR_IDS = [
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
] as const;

export type BehaviourId = (typeof BEHAVIOUR_IDS)[number];

/** Escalation weight: 1 nuisance contact, 2 intrusion, 3 threat or damage, 4 violence or entry. */
export type Severity = 1 | 2 | 3 | 4;

export const BEHAVIOUR_GROUPS = {
  presence: 'Following, watching and turning up',
  contact: 'Unwanted contact',
  property: 'Your property',
  threats: 'Threats',
  'people-around-you': 'People around you',
  information: 'Gathering information',
  online: 'Online and devices',
  violence: 'Violence and harm',
  other: 'Other',
} as const satisfies Record<string, string>;

export type BehaviourGroup = keyof typeof BEHAVIOUR_GROUPS;

export interface Behaviour {
  readonly id: BehaviourId;
  readonly label: string;
  readonly group: BehaviourGroup;
  readonly severity: Severity;
  /** The seed page(s) this behaviour came from. */
  readonly seeds: readonly SeedSource[];
}

const S0 = '000_65250fb71b2a335f';
const S1 = '001_5badb2ba1e4a4a0a';
const S2 = '002_7e4faddf7540c658';
const S3 = '003_3e3776f8e8344a54';
const S4 = '004_263530a507bd51f8';

type Row = readonly [label: string, group: BehaviourGroup, severity: Severity, seeds: SeedSource[]];

const TABLE = {
  following: ['Following you', 'presence', 2, [S0, S1, S2, S3]],
  'watching-or-spying': ['Watching or spying on you', 'presence', 2, [S0, S2, S3]],
  'loitering-near-home': ['Waiting or loitering near your home', 'presence', 2, [S2, S4]],
  'loitering-near-work': ['Waiting or loitering near your work', 'presence', 2, [S2, S4]],
  'loitering-at-other-places': ['Waiting at your gym or other places you go', 'presence', 2, [S4]],
  'turning-up-unannounced': ['Turning up unannounced or uninvited', 'presence', 2, [S1, S2, S3]],
  'driving-past': ['Driving past your home or work', 'presence', 2, [S2]],
  surveillance: ['Surveillance, such as watching from a car or using cameras', 'presence', 2, [S4]],
  staring: ['Staring at you', 'presence', 1, [S1]],
  'letting-you-know-they-are-watching': [
    'Letting you know they are watching you or know your routine',
    'presence',
    2,
    [S0],
  ],
  'unwanted-calls': ['Unwanted phone calls', 'contact', 1, [S0, S1, S2, S3, S4]],
  'unwanted-texts': ['Unwanted text messages', 'contact', 1, [S0, S1, S2, S3, S4]],
  'unwanted-messages': ['Unwanted messages on messaging apps', 'contact', 1, [S0, S3, 'product']],
  'unwanted-social-media': ['Unwanted contact on social media', 'contact', 1, [S0, S1, S2, S3]],
  'unwanted-email': ['Unwanted emails', 'contact', 1, [S2, S3]],
  'unwanted-letters': ['Unwanted letters or post', 'contact', 1, [S2, S3, S4]],
  'unwanted-gifts': ['Unwanted gifts or parcels', 'contact', 1, [S0, S1, S2, S3, S4]],
  'notes-on-car': ['Notes left on your car', 'contact', 2, [S1]],
  'damage-to-property': ['Damaging your property', 'property', 3, [S0, S1, S2, S3]],
  'interfering-with-property': ['Interfering with your property', 'property', 3, [S3]],
  'break-in': ['Breaking into your home or car', 'property', 4, [S4]],
  'burglary-or-robbery': ['Burglary or robbery', 'property', 4, [S2]],
  'threat-of-violence': ['Threats of violence or harm to you', 'threats', 3, [S0, S1, S2]],
  'threat-of-sexual-violence': ['Threats of sexual violence', 'threats', 4, [S2]],
  'threat-to-kill': ['Threats to kill', 'threats', 4, [S2]],
  'threat-of-self-harm': [
    'Threatening to harm themselves or take their own life',
    'threats',
    3,
    [S2, 'product'],
  ],
  'threat-to-children': ['Threats to harm children', 'threats', 4, [S3]],
  'threat-to-others': ['Threats to people close to you', 'threats', 3, [S2]],
  'harassing-family-or-friends': [
    'Contacting or harassing your family or friends',
    'people-around-you',
    2,
    [S0, S2, S3],
  ],
  'harassing-colleagues': [
    'Contacting or harassing your colleagues',
    'people-around-you',
    2,
    [S2, S3],
  ],
  'spreading-lies': ['Spreading lies about you', 'people-around-you', 2, [S0]],
  'claiming-a-relationship': [
    'Claiming to be in a relationship with you',
    'people-around-you',
    2,
    [S0],
  ],
  'engaging-others-to-help': ['Getting other people to help them', 'people-around-you', 3, [S2]],
  'gathering-information': ['Gathering information about you', 'information', 2, [S4]],
  'searching-records': ['Searching personal or public records about you', 'information', 2, [S4]],
  'befriending-people-close-to-you': ['Befriending people close to you', 'information', 2, [S4]],
  'hacking-accounts': ['Hacking your accounts, emails or phone', 'online', 3, [S0]],
  'spyware-or-tracking': ['Spyware, tracking apps or tracking devices', 'online', 3, [S0, S3, S4]],
  'cyber-stalking': ['Cyber-stalking: monitoring what you do online', 'online', 2, [S0, S3]],
  'identity-theft': ['Identity theft or pretending to be you', 'online', 3, [S3]],
  'harming-pets': ['Harming or abusing your pets', 'violence', 3, [S3]],
  'physical-assault': ['Physical assault', 'violence', 4, [S0, S1, S2]],
  'sexual-assault': ['Sexual assault', 'violence', 4, [S0, S2]],
  'antisocial-behaviour': ['Antisocial behaviour', 'other', 1, [S3]],
  bullying: ['Bullying at school or work', 'other', 1, [S3]],
  other: ['Something else', 'other', 1, ['product']],
} as const satisfies Record<BehaviourId, Row>;

/** Every behaviour, in display order. */
export const BEHAVIOURS: readonly Behaviour[] = BEHAVIOUR_IDS.map((id) => {
  const [label, group, severity, seeds] = TABLE[id];
  return { id, label, group, severity, seeds };
});

const BY_ID = new Map(BEHAVIOURS.map((b) => [b.id, b]));

/** The behaviour with this id. */
export function behaviour(id: BehaviourId): Behaviour {
  const found = BY_ID.get(id);
  if (found === undefined) throw new TypeError(`Unknown behaviour id: ${id}`);
  return found;
}

export const BehaviourSchema = taxonomySchema(BEHAVIOUR_IDS, 'a behaviour');
