import type { BehaviourId } from '@casebook/core';

type Limb = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g';

/** s.2A(3) Protection from Harassment Act 1997: examples of acts associated with stalking. */
export const HARASSMENT_ACT_LIMBS: readonly { readonly limb: Limb; readonly words: string }[] = [
  { limb: 'a', words: 'following a person' },
  { limb: 'b', words: 'contacting, or attempting to contact, a person by any means' },
  {
    limb: 'c',
    words:
      'publishing any statement or other material relating or purporting to relate to a person, or purporting to originate from a person',
  },
  {
    limb: 'd',
    words:
      'monitoring the use by a person of the internet, email or any other form of electronic communication',
  },
  { limb: 'e', words: 'loitering in any place (whether public or private)' },
  { limb: 'f', words: 'interfering with any property in the possession of a person' },
  { limb: 'g', words: 'watching or spying on a person' },
];

/**
 * Which limb each Casebook behaviour is an example of. One limb per behaviour, so an incident is
 * counted once per limb; behaviours the Act's list does not name are shown as "other behaviours".
 */
export const LIMB_OF: Readonly<Partial<Record<BehaviourId, Limb>>> = {
  following: 'a',
  'unwanted-calls': 'b',
  'unwanted-texts': 'b',
  'unwanted-messages': 'b',
  'unwanted-social-media': 'b',
  'unwanted-email': 'b',
  'unwanted-letters': 'b',
  'unwanted-gifts': 'b',
  'notes-on-car': 'b',
  'turning-up-unannounced': 'b',
  'spreading-lies': 'c',
  'claiming-a-relationship': 'c',
  'identity-theft': 'c',
  'hacking-accounts': 'd',
  'spyware-or-tracking': 'd',
  'cyber-stalking': 'd',
  'loitering-near-home': 'e',
  'loitering-near-work': 'e',
  'loitering-at-other-places': 'e',
  'damage-to-property': 'f',
  'interfering-with-property': 'f',
  'break-in': 'f',
  'burglary-or-robbery': 'f',
  'watching-or-spying': 'g',
  surveillance: 'g',
  staring: 'g',
  'letting-you-know-they-are-watching': 'g',
  'driving-past': 'g',
};
