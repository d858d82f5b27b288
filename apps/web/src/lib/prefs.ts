import { z } from 'zod';

/**
 * Preferences that must be readable before the casebook is unlocked (how it looks, where
 * Quick exit goes, when it locks). They live in localStorage as plain JSON because they are
 * needed on the locked screen; they reveal nothing about the case — no names, text or dates.
 * Anything about the case itself lives encrypted in the vault.
 */
export const EXIT_DESTINATIONS = {
  weather: { label: 'BBC Weather', url: 'https://www.bbc.co.uk/weather' },
  search: { label: 'Google search', url: 'https://www.google.co.uk/' },
  recipes: { label: 'A recipe page (works offline, stays on this device)', url: '/recipes.html' },
  custom: { label: 'A page I choose', url: '' },
} as const;
export type ExitDestination = keyof typeof EXIT_DESTINATIONS;

/** An address the person typed for Quick exit, if it is a plain https address; else undefined. */
export function customExitUrl(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(t) ? t : `https://${t}`);
    return url.protocol === 'https:' && url.hostname.includes('.') && !url.username
      ? url.href
      : undefined;
  } catch {
    return undefined;
  }
}

const PrefsSchema = z.object({
  disguise: z.boolean().catch(false),
  // An outside page by default: one on this app's own address would give it away (issue 13).
  exitTo: z.enum(['weather', 'search', 'recipes', 'custom']).catch('weather'),
  exitCustom: z.string().max(2000).catch(''),
  idleMinutes: z.number().int().min(1).max(60).catch(5),
  hiddenGraceSeconds: z.number().int().min(0).max(600).catch(30),
});
export type Prefs = z.infer<typeof PrefsSchema>;

export const DEFAULT_PREFS: Prefs = {
  disguise: false,
  exitTo: 'weather',
  exitCustom: '',
  idleMinutes: 5,
  hiddenGraceSeconds: 30,
};

const KEY = 'prefs';

export function loadPrefs(): Prefs {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return DEFAULT_PREFS;
    return PrefsSchema.parse({ ...DEFAULT_PREFS, ...JSON.parse(raw) });
  } catch {
    return DEFAULT_PREFS;
  }
}

export function savePrefs(prefs: Prefs): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(PrefsSchema.parse(prefs)));
  } catch {
    // Storage may be full or blocked; the defaults still keep the person safe.
  }
}

/** Where Quick exit goes: the chosen page, or the weather page if a typed one is not usable. */
export function exitUrl(prefs: Prefs): string {
  if (prefs.exitTo === 'custom')
    return customExitUrl(prefs.exitCustom) ?? EXIT_DESTINATIONS.weather.url;
  return EXIT_DESTINATIONS[prefs.exitTo].url;
}
