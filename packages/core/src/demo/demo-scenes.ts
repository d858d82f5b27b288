import type { BehaviourId } from '../taxonomy/behaviours';
import type { ChannelId } from '../taxonomy/channels';
import type { PlaceTypeId } from '../taxonomy/place-types';

/** What a narrative can mention. */
export interface SceneContext {
  /** First name of the person responsible. */
  readonly o: string;
  /** The time, as people say it: "7.40pm". */
  readonly time: string;
  /** A small count for "called 4 times". */
  readonly n: number;
}

export type EvidenceKind = 'screenshot' | 'photo' | 'video' | 'audio' | 'document';

/** A kind of incident the demo can tell, unlocked at a stage of the escalation. */
export interface Scene {
  readonly key: string;
  /** 1 early contact, 2 presence and third parties, 3 threats and damage, 4 the most serious. */
  readonly stage: 1 | 2 | 3 | 4;
  readonly weight: number;
  readonly behaviours: readonly BehaviourId[];
  readonly channel?: ChannelId;
  readonly placeType: PlaceTypeId;
  readonly places: readonly string[];
  /** Local hours in which it tends to happen, [from, to). */
  readonly hours: readonly [number, number];
  readonly actor: 'offender' | 'unknown';
  readonly narratives: readonly ((c: SceneContext) => string)[];
  readonly inPerson?: boolean;
  readonly vehicle?: boolean;
  readonly calls?: boolean;
  readonly item?: string;
  readonly evidence?: EvidenceKind;
  readonly police?: '999' | '101';
}

const HOME = ['Outside my flat on Elm Grove', 'On the doorstep at home', 'Elm Grove, by the house'];
const PHONE = ['My mobile'];
const ONLINE = ['Instagram', 'WhatsApp', 'Facebook', 'My email'];

export const SCENES: readonly Scene[] = [
  {
    key: 'texts',
    stage: 1,
    weight: 6,
    behaviours: ['unwanted-texts'],
    channel: 'text',
    placeType: 'phone',
    places: PHONE,
    hours: [19, 24],
    actor: 'offender',
    evidence: 'screenshot',
    narratives: [
      (c) =>
        `${c.n + 2} texts from ${c.o} from about ${c.time}. He says he only wants to talk and asks why I am ignoring him. I did not reply.`,
      (c) =>
        `${c.o} texted at ${c.time} asking if I had "calmed down yet". Then ${c.n} more texts over the next hour. I have kept them all.`,
    ],
  },
  {
    key: 'calls',
    stage: 1,
    weight: 5,
    behaviours: ['unwanted-calls'],
    channel: 'phone-call',
    placeType: 'phone',
    places: PHONE,
    hours: [18, 24],
    actor: 'offender',
    calls: true,
    narratives: [
      (c) =>
        `Missed calls from ${c.o}'s number and a withheld number from ${c.time}. I did not answer any of them.`,
      (c) =>
        `${c.o} rang ${c.n + 1} times in a row at ${c.time}. I answered the last one by mistake and hung up when I heard his voice.`,
    ],
  },
  {
    key: 'social',
    stage: 1,
    weight: 3,
    behaviours: ['unwanted-social-media'],
    channel: 'social-media',
    placeType: 'online',
    places: ONLINE,
    hours: [7, 24],
    actor: 'offender',
    evidence: 'screenshot',
    narratives: [
      (c) =>
        `${c.o} liked a long run of my old Instagram photos around ${c.time} and sent a message request saying "miss you". My account is private, so he may be using someone else's account.`,
      (c) =>
        `A new Facebook account with no photo sent me a friend request and then a message at ${c.time}. The writing sounds exactly like ${c.o}.`,
    ],
  },
  {
    key: 'messages',
    stage: 1,
    weight: 4,
    behaviours: ['unwanted-messages'],
    channel: 'messaging-app',
    placeType: 'online',
    places: ['WhatsApp'],
    hours: [20, 24],
    actor: 'offender',
    evidence: 'screenshot',
    narratives: [
      (c) =>
        `${c.n + 1} WhatsApp voice notes from ${c.o} from ${c.time}. I listened to the first one; he was upset and asking to meet. I have not listened to the rest.`,
      (c) =>
        `Long WhatsApp messages from ${c.o} at ${c.time} going over our relationship and saying it was all my fault.`,
    ],
  },
  {
    key: 'email',
    stage: 1,
    weight: 2,
    behaviours: ['unwanted-email'],
    channel: 'email',
    placeType: 'online',
    places: ['My email'],
    hours: [8, 23],
    actor: 'offender',
    evidence: 'document',
    narratives: [
      (c) =>
        `An email at ${c.time} from an address I did not recognise, signed by ${c.o}. It lists things he says I owe him from when we lived together.`,
    ],
  },
  {
    key: 'doorstep',
    stage: 1,
    weight: 3,
    behaviours: ['turning-up-unannounced', 'loitering-near-home'],
    channel: 'in-person',
    placeType: 'home',
    places: HOME,
    hours: [17, 23],
    actor: 'offender',
    inPerson: true,
    narratives: [
      (c) =>
        `${c.o} knocked on the door at about ${c.time}. I did not open it. He stayed on the doorstep for about ten minutes and then left.`,
      (c) =>
        `${c.o} rang the bell at ${c.time} and shouted through the letterbox that he only wanted five minutes. I stayed upstairs until he went.`,
    ],
  },
  {
    key: 'drive-past',
    stage: 1,
    weight: 3,
    behaviours: ['driving-past'],
    channel: 'in-person',
    placeType: 'home',
    places: HOME,
    hours: [6, 23],
    actor: 'offender',
    inPerson: true,
    vehicle: true,
    evidence: 'video',
    narratives: [
      (c) =>
        `I saw ${c.o}'s car drive slowly past the house twice at about ${c.time}. He did not stop.`,
      (c) =>
        `${c.o}'s car went past the end of the road as I was leaving at ${c.time}, then again ten minutes later.`,
    ],
  },
  {
    key: 'gift',
    stage: 1,
    weight: 1,
    behaviours: ['unwanted-gifts'],
    channel: 'gift-or-parcel',
    placeType: 'home',
    places: HOME,
    hours: [7, 22],
    actor: 'offender',
    item: 'Flowers with a handwritten card',
    evidence: 'photo',
    narratives: [
      (c) =>
        `Flowers left on the doorstep, found at ${c.time}, with a card in ${c.o}'s handwriting: "For old times' sake". I have kept the card.`,
    ],
  },
  {
    key: 'letter',
    stage: 1,
    weight: 1,
    behaviours: ['unwanted-letters'],
    channel: 'post',
    placeType: 'home',
    places: HOME,
    hours: [9, 13],
    actor: 'offender',
    item: 'Four-page handwritten letter',
    evidence: 'photo',
    narratives: [
      (c) =>
        `A letter from ${c.o} came in the post this morning, four pages, asking to meet "just once". I have not written back.`,
    ],
  },
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
