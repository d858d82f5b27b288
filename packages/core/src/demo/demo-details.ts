/** Small pools of calm, fictional detail the demo builder draws on. */

export const LOOKED = [
  'Unshaven, looked tired.',
  'Hair cut shorter than before.',
  'Looked angry, kept his hands in his pockets.',
  'Calm, smiling, as if nothing was wrong.',
];

export const WORE = [
  'Navy puffer jacket, jeans, white trainers.',
  'Black cap, grey hooded top, dark tracksuit bottoms.',
  'Work clothes: dark trousers and a hi-vis jacket.',
  'Green waterproof coat with the hood up.',
];

export const SOUNDED = [
  'Raised voice, slurring slightly.',
  'Quiet and pleading.',
  'Shouting, swearing.',
];

export const IMPACTS = [
  'I felt shaken and did not sleep well.',
  'I could not concentrate at work the next day.',
  'I was frightened to leave the house that evening.',
  'I felt sick and kept checking the window.',
  'I cried for a long time afterwards.',
];

export const CHANGES = [
  'I took a different route to work.',
  'I asked Jess to stay over for a few nights.',
  'I stopped going to my Tuesday class.',
  'I changed my passwords and made my accounts private.',
  'I now keep the curtains closed at the front.',
];

export const IMPACT_ON_OTHERS = [
  'My son asked why I keep the curtains closed.',
  'Jess is worried and is calling me every evening.',
  'My manager has had to move my shifts.',
];

export const KEPT = [
  'In a sealed freezer bag in the hall cupboard.',
  'In an envelope in the kitchen drawer, handled as little as possible.',
  'In a box at Jess’s house.',
];

export const OFFICERS = ['PC 4127 Hughes', 'PC 2290 Osei', 'DC 1873 Brennan'];

export const POLICE_ACTION = {
  '101': 'Logged it and gave me a reference. An officer rang back the next day with safety advice.',
  '999': 'Officers came within the hour, took a statement and looked at the doorbell footage.',
} as const;

export const CALL_SAID = [
  'He asked why I keep ignoring him. I hung up.',
  'Silence, then breathing, then he hung up.',
  'He said he just wants to talk and will keep calling until I do.',
];
