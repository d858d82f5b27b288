import { HOME, PHONE } from './demo-places';
import type { Scene } from './scene';

/** Stages 3 and 4: threats, damage, tracking, and the most serious incidents. */
export const LATE_SCENES: readonly Scene[] = [
  {
    key: 'first-threat',
    stage: 3,
    weight: 0,
    behaviours: ['threat-of-violence', 'unwanted-texts'],
    channel: 'text',
    placeType: 'phone',
    places: PHONE,
    hours: [21, 24],
    actor: 'offender',
    evidence: 'screenshot',
    police: '101',
    narratives: [
      (c) =>
        `${c.o} texted at ${c.time}: "If you won't talk to me you'll be sorry." It is the first time he has said anything like this. I rang 101 the next morning.`,
    ],
  },
  {
    key: 'threat',
    stage: 3,
    weight: 2,
    behaviours: ['threat-of-violence', 'unwanted-messages'],
    channel: 'messaging-app',
    placeType: 'online',
    places: ['WhatsApp'],
    hours: [21, 24],
    actor: 'offender',
    evidence: 'screenshot',
    narratives: [
      (c) =>
        `WhatsApp message from ${c.o} at ${c.time} saying I would "find out what happens" if I keep ignoring him.`,
    ],
  },
  {
    key: 'damage',
    stage: 3,
    weight: 1,
    behaviours: ['damage-to-property'],
    channel: 'in-person',
    placeType: 'home',
    places: ['My car, parked outside the house'],
    hours: [0, 5],
    actor: 'offender',
    evidence: 'video',
    police: '101',
    narratives: [
      (c) =>
        `Two of my tyres were let down overnight. Mrs Patel's doorbell camera shows a man who looks like ${c.o} by my car at ${c.time}.`,
      () =>
        'A long scratch down the driver’s side of my car, found this morning. It was not there last night.',
    ],
  },
  {
    key: 'interfering',
    stage: 3,
    weight: 1,
    behaviours: ['interfering-with-property'],
    channel: 'in-person',
    placeType: 'home',
    places: HOME,
    hours: [6, 9],
    actor: 'offender',
    narratives: [
      () =>
        'The bins had been gone through overnight and opened post was scattered by the door. My bank letters were missing.',
    ],
  },
  {
    key: 'hacking',
    stage: 3,
    weight: 1,
    behaviours: ['hacking-accounts'],
    channel: 'other-online',
    placeType: 'online',
    places: ['My email account'],
    hours: [0, 24],
    actor: 'offender',
    evidence: 'screenshot',
    narratives: [
      (c) =>
        `An alert at ${c.time} that someone signed in to my email from a new device. I changed my password and turned on two-step sign-in.`,
    ],
  },
  {
    key: 'tracker',
    stage: 3,
    weight: 1,
    behaviours: ['spyware-or-tracking'],
    channel: 'other-online',
    placeType: 'street',
    places: ['My car'],
    hours: [8, 18],
    actor: 'offender',
    item: 'Small tracking tag found taped inside the rear bumper',
    evidence: 'photo',
    narratives: [
      () =>
        'My phone warned me an unknown tracker was travelling with me. I found a small tag taped inside the rear bumper of my car and left it in a bag.',
    ],
  },
  {
    key: 'self-harm',
    stage: 3,
    weight: 1,
    behaviours: ['threat-of-self-harm', 'unwanted-messages'],
    channel: 'messaging-app',
    placeType: 'online',
    places: ['WhatsApp'],
    hours: [22, 24],
    actor: 'offender',
    evidence: 'screenshot',
    police: '101',
    narratives: [
      (c) =>
        `${c.o} sent a message at ${c.time} saying he would "end it" if I did not see him. I told the police and they said they would check on him.`,
    ],
  },
  {
    key: 'threat-to-jess',
    stage: 3,
    weight: 1,
    behaviours: ['threat-to-others', 'harassing-family-or-friends'],
    channel: 'through-another-person',
    placeType: 'other',
    places: ['My sister Jess'],
    hours: [18, 23],
    actor: 'offender',
    narratives: [
      (c) =>
        `Jess got a voicemail from ${c.o} at ${c.time} telling her to "stay out of it" or she would be next.`,
    ],
  },
  {
    key: 'threat-to-kill',
    stage: 4,
    weight: 1,
    behaviours: ['threat-to-kill', 'unwanted-calls'],
    channel: 'phone-call',
    placeType: 'phone',
    places: PHONE,
    hours: [22, 24],
    actor: 'offender',
    calls: true,
    police: '999',
    narratives: [
      (c) =>
        `A withheld call at ${c.time}. I recognised ${c.o}'s voice. He said he would kill me if I went to the police again. I called 999.`,
    ],
  },
  {
    key: 'break-in',
    stage: 4,
    weight: 1,
    behaviours: ['break-in'],
    channel: 'in-person',
    placeType: 'home',
    places: ['My car, parked outside the house'],
    hours: [0, 6],
    actor: 'offender',
    evidence: 'photo',
    police: '999',
    narratives: [
      () =>
        'My car was broken into overnight. Nothing was taken, but the glovebox had been emptied onto the seat and my spare house key is missing.',
    ],
  },
];
