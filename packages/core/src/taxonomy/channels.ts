import { entries, taxonomySchema } from './taxonomy-entry';

/** How the behaviour reached the victim. Ids are stable: add at the end, never rename. */
export const CHANNEL_IDS = [
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
] as const;

export type ChannelId = (typeof CHANNEL_IDS)[number];

export const CHANNEL_LABELS = {
  'in-person': 'In person',
  'phone-call': 'Phone call',
  text: 'Text message',
  'messaging-app': 'Messaging app',
  'social-media': 'Social media',
  email: 'Email',
  post: 'Post or letter',
  'gift-or-parcel': 'Gift or parcel',
  'through-another-person': 'Through another person',
  'other-online': 'Other online',
} as const satisfies Record<ChannelId, string>;

export const CHANNELS = entries(CHANNEL_IDS, CHANNEL_LABELS);
export const ChannelSchema = taxonomySchema(CHANNEL_IDS, 'how it happened');
