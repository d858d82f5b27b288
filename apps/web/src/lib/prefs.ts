import { z } from 'zod';

/**
 * Preferences that must be readable before the casebook is unlocked (how it looks, where
 * Quick exit goes, when it locks). They live in localStorage as plain JSON because they are
 * needed on the locked screen; they reveal nothing about the case — no names, text or dates.
 * Anything about the case itself lives encrypted in the vault.
 */
export const EXIT_DESTINATIONS = {
  recipes: { label: 'A recipe page (works offline, stays on this device)', url: '/recipes.html' },
  weather: { label: 'BBC Weather', url: 'https://www.bbc.co.uk/weather' },
  search: { label: 'Google search', url: 'https://www.google.co.uk/' },
} as const;
export type ExitDestination = keyof typeof EXIT_DESTINATIONS;

const PrefsSchema = z.object({
  disguise: z.boolean().catch(false),
  exitTo: z.enum(['recipes', 'weather', 'search']).catch('recipes'),
  idleMinutes: z.number().int().min(1).max(60).catch(5),
  hiddenGraceSeconds: z.number().int().min(0).max(600).catch(30),
});
export type Prefs = z.infer<typeof PrefsSchema>;

export const DEFAULT_PREFS: Prefs = {
  disguise: false,
  exitTo: 'recipes',
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

export function exitUrl(prefs: Prefs): string {
  return EXIT_DESTINATIONS[prefs.exitTo].url;
}
