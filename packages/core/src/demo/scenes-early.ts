import { HOME, ONLINE, PHONE } from './demo-places';
import type { Scene } from './scene';

/** Stage 1: unwanted contact and turning up. */
export const EARLY_SCENES: readonly Scene[] = [
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
];
