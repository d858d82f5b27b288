import type { SeedSource } from '../taxonomy/seed-sources';

const S0 = '000_65250fb71b2a335f';
const S1 = '001_5badb2ba1e4a4a0a';
const S2 = '002_7e4faddf7540c658';
const S3 = '003_3e3776f8e8344a54';
const S4 = '004_263530a507bd51f8';

export const SAFETY_PLAN_GROUPS = {
  'personal-safety': 'Personal safety',
  home: 'At home',
  phone: 'Phone and unwanted calls',
  online: 'Online safety and devices',
  'if-you-know-who': 'If you know who it is',
  'telling-people': 'Telling people',
  'keeping-records': 'Keeping records',
} as const satisfies Record<string, string>;

export type SafetyPlanGroup = keyof typeof SAFETY_PLAN_GROUPS;

type Row = readonly [group: SafetyPlanGroup, text: string, seeds: readonly SeedSource[]];

/**
 * Every piece of advice on the five seed pages, in our own words. Ids are stored in plans:
 * never rename or remove one; add new ones at the end of their group.
 */
const TABLE = {
  'trust-your-instincts': [
    'personal-safety',
    'Trust your instincts. If something feels wrong, take it seriously.',
    [S0],
  ],
  'carry-a-phone': [
    'personal-safety',
    'Take a charged mobile phone with you whenever you go out.',
    [S0, S1, S2],
  ],
  'attack-alarm': [
    'personal-safety',
    'Carry a personal attack alarm and learn how to use it; victim services may be able to give you one. Do not carry anything meant to be used as a weapon.',
    [S0, S1, S2, S4],
  ],
  'vary-your-routine': [
    'personal-safety',
    'Change your daily routine where you can, and take different routes to and from work and other places you go often.',
    [S0, S2, S4],
  ],
  'go-out-with-someone': [
    'personal-safety',
    'If going out alone feels unsafe, ask a friend to come with you.',
    [S0, S2],
  ],
  'share-your-plans': [
    'personal-safety',
    'Let someone you trust know your plans: where you are going and when you expect to be back.',
    [S0, S1, S2],
  ],
  'know-safe-places': [
    'personal-safety',
    'Find your nearest safe places, such as a police station or a busy shop with security staff and CCTV.',
    [S0],
  ],
  'home-security': [
    'home',
    'Ask the police about CCTV, a panic button or an alarm for your home.',
    [S0],
  ],
  'record-at-home-discreetly': [
    'home',
    'If you gather evidence of what happens at your home, do it quietly. Pointing a camera at the person could put you in danger.',
    [S3],
  ],
  'disconnect-before-moving': [
    'home',
    'If you are moving to a refuge or emergency housing, disconnect smart devices and shared accounts (streaming services, for example) that could show where you are.',
    [S0],
  ],
  'phone-provider': [
    'phone',
    'Ask your phone company what they can do about malicious calls.',
    [S0, S2],
  ],
  'telephone-preference-service': [
    'phone',
    'Register with the Telephone Preference Service so your number is taken off direct marketing lists.',
    [S2],
  ],
  'answer-with-hello': ['phone', 'Answer with "hello", not your name or number.', [S2]],
  'stay-calm-on-calls': [
    'phone',
    'Try to stay calm and not show how you feel; many callers give up when they get no reaction.',
    [S2],
  ],
  'screen-calls': [
    'phone',
    'Let an answerphone screen your calls, so you only speak to people you choose.',
    [S2],
  ],
  'put-the-handset-down': [
    'phone',
    'If the caller keeps ringing, you can put the handset down for a few minutes and then hang up. You do not have to listen.',
    [S2],
  ],
  'note-every-call': [
    'phone',
    'Use 1471 and write down each call: the time and the number, even when you did not answer.',
    [S2],
  ],
  'second-phone': [
    'phone',
    'Think about putting your old SIM card in a second phone. Their contact still arrives and can be kept as evidence, without disturbing you all the time.',
    [S4],
  ],
  'check-for-spyware': [
    'online',
    'Check your computer and phone for malware, key-logging software and apps that could track you.',
    [S0, S4],
  ],
  'security-software': [
    'online',
    'Keep your anti-virus and security software up to date.',
    [S0, S3],
  ],
  'privacy-settings': [
    'online',
    'Review the privacy and security settings on your social media, and make your accounts private.',
    [S0, S2, S4],
  ],
  'share-less-online': [
    'online',
    'Look at what can be found about you online, and share less about yourself.',
    [S0, S4],
  ],
  passwords: [
    'online',
    'Change your passwords regularly. Use strong ones, and a different password for each account.',
    [S0, S4],
  ],
  'report-to-websites': [
    'online',
    'Report harassment to the website or app where it happens.',
    [S0],
  ],
  'open-known-emails-only': ['online', 'Only open emails when you know who they are from.', [S3]],
  'think-before-blocking': [
    'online',
    'Think carefully before blocking them. One of the advice pages says not to block the person, because it can increase the risk; another mentions blocking accounts as an option. Talk it through with the police or the National Stalking Helpline before you decide.',
    [S3, S4],
  ],
  'do-not-confront': [
    'if-you-know-who',
    'Do not confront them or let yourself be drawn into conversation.',
    [S0, S1, S2, S3],
  ],
  'do-not-reply': [
    'if-you-know-who',
    'Do not reply to calls, letters or messages unless you really have to. Answering after many ignored attempts can teach them that persistence works.',
    [S0, S2, S3, S4],
  ],
  'never-agree-to-meet': [
    'if-you-know-who',
    'Do not agree to meet them to talk about their behaviour, whatever the reason.',
    [S0, S2, S3],
  ],
  'get-advice': [
    'if-you-know-who',
    'Ask the police, a solicitor or the National Stalking Helpline what to do next.',
    [S0, S2],
  ],
  'stalking-protection-order': [
    'if-you-know-who',
    'Ask the police about a stalking protection order. These are civil orders the police apply for.',
    [S4],
  ],
  'non-molestation-order': [
    'if-you-know-who',
    'If they are a partner, ex-partner or family member, ask about a non-molestation order, which can forbid things such as contacting you.',
    [S4],
  ],
  'tell-people-close': [
    'telling-people',
    'Tell the people close to you what is happening, so they can support you.',
    [S0, S1],
  ],
  'tell-neighbours-and-colleagues': [
    'telling-people',
    'Let friends, neighbours and colleagues know, so they can note sightings and anything suspicious.',
    [S2, S3],
  ],
  'get-professional-support': [
    'telling-people',
    'Get support from people who do this work, such as victim services or the National Stalking Helpline.',
    [S0, S4],
  ],
  'report-early': [
    'telling-people',
    'Report to the police early. Small, repeated incidents are taken seriously, and you do not need to wait.',
    [S0, S1, S3],
  ],
  'report-anonymously': [
    'telling-people',
    'If you would rather not speak to the police, you can report anonymously to Crimestoppers.',
    [S0, S4],
  ],
  'write-it-down': [
    'keeping-records',
    'Write down what happened, when and where, as soon as you can while it is fresh in your mind.',
    [S0, S2, S3, S4],
  ],
  'describe-them': [
    'keeping-records',
    'Note how they looked and sounded, what they wore, and the make, colour and number plate of any car.',
    [S0, S1, S2],
  ],
  'keep-letters-and-gifts': [
    'keeping-records',
    'Keep letters, parcels and gifts, even upsetting ones, and handle them as little as possible.',
    [S0, S1, S2],
  ],
  'save-messages': [
    'keeping-records',
    'Save or screenshot texts, emails and social media messages with their dates and times before they can be removed, and keep copies somewhere else, such as a USB stick or on paper.',
    [S0, S1, S2, S3],
  ],
  'keep-call-records': [
    'keeping-records',
    'Keep a note of phone numbers, and record calls if you can.',
    [S0, S1, S2],
  ],
  'photos-or-video': [
    'keeping-records',
    'If it is safe, try to get photos or video of them, especially if the police have warned them to stay away.',
    [S0, S2, S3],
  ],
  'note-witnesses': [
    'keeping-records',
    'Write down who else saw what happened and how to reach them.',
    [S3],
  ],
  'note-the-impact': [
    'keeping-records',
    'Note how each incident affected you, your children or others, and anything you changed because of it.',
    [S4],
  ],
} as const satisfies Record<string, Row>;

export type SafetyPlanItemId = keyof typeof TABLE;

export interface SafetyPlanItem {
  readonly id: SafetyPlanItemId;
  readonly group: SafetyPlanGroup;
  readonly text: string;
  /** The seed pages this advice comes from. */
  readonly seeds: readonly SeedSource[];
}

/** Every item, grouped in the order of {@link SAFETY_PLAN_GROUPS}. */
export const SAFETY_PLAN_ITEMS: readonly SafetyPlanItem[] = (
  Object.keys(TABLE) as SafetyPlanItemId[]
).map((id) => {
  const [group, text, seeds] = TABLE[id];
  return { id, group, text, seeds };
});

export const SAFETY_PLAN_ITEM_IDS = SAFETY_PLAN_ITEMS.map((i) => i.id) as [
  SafetyPlanItemId,
  ...SafetyPlanItemId[],
];
