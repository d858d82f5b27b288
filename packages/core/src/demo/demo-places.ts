/** Places the demo scenes share. */
export const HOME = [
  'Outside my flat on Elm Grove',
  'On the doorstep at home',
  'Elm Grove, by the house',
];
export const PHONE = ['My mobile'];
export const ONLINE = ['Instagram', 'WhatsApp', 'Facebook', 'My email'];
