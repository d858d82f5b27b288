import { DEFAULT_ZONE } from './use-import';

/** Every time zone the browser knows, for the "where was the phone" question. */
export function zoneOptions(): { id: string; label: string }[] {
  const all =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = new Set([DEFAULT_ZONE, 'UTC', ...all]);
  return [...zones].sort().map((z) => ({ id: z, label: z.replaceAll('_', ' ') }));
}
