import type { StackGroup } from './weekly-stacks';

/**
 * One colour per behaviour group, each at least 3:1 against white (WCAG 1.4.11) and told
 * apart by a legend and a table as well, never by colour alone.
 */
export const GROUP_COLOURS: Readonly<Record<StackGroup, string>> = {
  presence: '#1f5f99',
  contact: '#b35806',
  property: '#6a3d9a',
  threats: '#b2182b',
  'people-around-you': '#1b7837',
  information: '#7a6300',
  online: '#00727f',
  violence: '#5c1a1a',
  other: '#596270',
  none: '#8a8f98',
};
