import { PHONE } from './demo-places';
import type { Scene } from './scene';

/** Stage 2: following, watching, and people around the victim. */
export const MIDDLE_SCENES: readonly Scene[] = [
  {
    key: 'following',
    stage: 2,
    weight: 3,
    behaviours: ['following'],
    channel: 'in-person',
    placeType: 'street',
    places: ['Station Road, walking from the bus stop', 'High Street, near the post office'],
    hours: [7, 22],
    actor: 'offender',
    inPerson: true,
    narratives: [
      (c) =>
        `Walking home at about ${c.time} I noticed ${c.o} about fifty metres behind me. He followed me as far as the corner of Elm Grove, then turned back.`,
      (c) =>
        `${c.o} was behind me in the queue and then on the pavement outside at ${c.time}. He kept the same distance until I went into a shop and waited.`,
    ],
  },
  {
    key: 'work',
    stage: 2,
    weight: 3,
    behaviours: ['loitering-near-work'],
    channel: 'in-person',
    placeType: 'work',
    places: ['Across the road from my work, Castle Street', 'Staff car park at work'],
    hours: [8, 19],
    actor: 'offender',
    inPerson: true,
    narratives: [
      (c) =>
        `${c.o} was standing across the road from my work when I left at ${c.time}. He did not come over. Tom from work saw him too.`,
      (c) =>
        `${c.o}'s car was parked by the staff car park at ${c.time}. He was sitting in it looking at his phone.`,
    ],
  },
  {
    key: 'gym',
    stage: 2,
    weight: 2,
    behaviours: ['loitering-at-other-places'],
    channel: 'in-person',
    placeType: 'gym',
    places: ['Leisure centre car park, Mill Lane'],
    hours: [17, 21],
    actor: 'offender',
    inPerson: true,
    vehicle: true,
    narratives: [
      (c) =>
        `${c.o} was sitting in his car in the leisure centre car park when I came out of my class at ${c.time}. I went back inside and asked staff to walk me out.`,
    ],
  },
  {
    key: 'note-on-car',
    stage: 2,
    weight: 1,
    behaviours: ['notes-on-car'],
    channel: 'post',
    placeType: 'street',
    places: ['My car, parked on Elm Grove'],
    hours: [6, 9],
    actor: 'offender',
    item: 'Folded note left under the windscreen wiper',
    evidence: 'photo',
    narratives: [
      (c) =>
        `A note under my windscreen wiper when I went out at ${c.time}: "We need to talk. You know where I am." It is ${c.o}'s handwriting.`,
    ],
  },
  {
    key: 'family',
    stage: 2,
    weight: 2,
    behaviours: ['harassing-family-or-friends'],
    channel: 'through-another-person',
    placeType: 'other',
    places: ['My sister Jess'],
    hours: [10, 22],
    actor: 'offender',
    narratives: [
      (c) =>
        `Jess told me ${c.o} messaged her at ${c.time} asking where I am living now and whether I am "seeing anyone". She did not reply.`,
    ],
  },
  {
    key: 'colleagues',
    stage: 2,
    weight: 1,
    behaviours: ['harassing-colleagues', 'spreading-lies'],
    channel: 'email',
    placeType: 'work',
    places: ['My manager, by email'],
    hours: [9, 17],
    actor: 'offender',
    evidence: 'document',
    narratives: [
      (c) =>
        `My manager received an email from ${c.o} at ${c.time} saying I had taken money from him. She forwarded it to me and said she does not believe it.`,
    ],
  },
  {
    key: 'claiming',
    stage: 2,
    weight: 1,
    behaviours: ['claiming-a-relationship', 'unwanted-social-media'],
    channel: 'social-media',
    placeType: 'online',
    places: ['Facebook'],
    hours: [18, 24],
    actor: 'offender',
    evidence: 'screenshot',
    narratives: [
      (c) =>
        `${c.o} posted an old photo of us at ${c.time} with the caption "working things out". Two friends have asked if we are back together. We are not.`,
    ],
  },
  {
    key: 'watching-routine',
    stage: 2,
    weight: 2,
    behaviours: ['letting-you-know-they-are-watching', 'unwanted-texts'],
    channel: 'text',
    placeType: 'phone',
    places: PHONE,
    hours: [12, 23],
    actor: 'offender',
    evidence: 'screenshot',
    narratives: [
      (c) =>
        `${c.o} texted at ${c.time}: "Nice coat today." I wore a new coat to work and did not see him anywhere.`,
      (c) =>
        `A text from ${c.o} at ${c.time} naming the café I went to at lunchtime. I had not told anyone I was going there.`,
    ],
  },
  {
    key: 'silver-car',
    stage: 2,
    weight: 2,
    behaviours: ['surveillance', 'watching-or-spying'],
    channel: 'in-person',
    placeType: 'home',
    places: ['Parked opposite the house, Elm Grove'],
    hours: [6, 23],
    actor: 'unknown',
    inPerson: true,
    vehicle: true,
    evidence: 'photo',
    narratives: [
      (c) =>
        `A man I did not recognise sat in a silver hatchback opposite the house from about ${c.time} for forty minutes. He seemed to be watching the front door.`,
      (c) =>
        `The silver hatchback was back at ${c.time}. Mrs Patel at number 14 says it has been there on other days too.`,
    ],
  },
  {
    key: 'staring',
    stage: 2,
    weight: 1,
    behaviours: ['staring'],
    channel: 'in-person',
    placeType: 'street',
    places: ['Bus stop on Station Road'],
    hours: [7, 19],
    actor: 'unknown',
    inPerson: true,
    narratives: [
      (c) =>
        `The man from the silver hatchback stood at the bus stop at ${c.time} and stared at me the whole time I waited. He did not get on the bus.`,
    ],
  },
  {
    key: 'gathering',
    stage: 2,
    weight: 1,
    behaviours: ['gathering-information', 'befriending-people-close-to-you'],
    channel: 'through-another-person',
    placeType: 'other',
    places: ['A friend, at the pub'],
    hours: [19, 23],
    actor: 'offender',
    narratives: [
      (c) =>
        `A friend told me ${c.o} started chatting to her at the pub at about ${c.time} and asked about my new job and which days I work.`,
    ],
  },
];
