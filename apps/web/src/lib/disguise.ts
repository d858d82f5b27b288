import type { Prefs } from './prefs';

export interface Identity {
  readonly name: string;
  readonly icon: string;
  readonly touchIcon: string;
  readonly manifest: string;
  /** The way-out button's words: "Quick exit", or a word any notes app might have. */
  readonly exitLabel: string;
  /** How a backup file is named, from its date (YYYY-MM-DD). */
  backupName(date: string): string;
  readonly themeColour: string;
}

const REAL: Identity = {
  name: 'Casebook',
  icon: '/icons/casebook.svg',
  touchIcon: '/icons/casebook-192.png',
  manifest: '/manifest.webmanifest',
  exitLabel: 'Quick exit',
  backupName: (date) => `backup-${date}.casebook`,
  themeColour: '#26415e',
};
const DISGUISED: Identity = {
  name: 'Notes',
  icon: '/icons/notes.svg',
  touchIcon: '/icons/notes-192.png',
  manifest: '/manifest-notes.webmanifest',
  exitLabel: 'Close',
  backupName: (date) => `notes-${date}.bak`,
  themeColour: '#f2c94c',
};

export function identityFor(prefs: Prefs): Identity {
  return prefs.disguise ? DISGUISED : REAL;
}

function setHref(id: string, href: string): void {
  const link = document.getElementById(id);
  if (link instanceof HTMLLinkElement && link.getAttribute('href') !== href) link.href = href;
}

/**
 * Applies the page title, icons, manifest and theme colour for the chosen identity. The page
 * as served (index.html) is already the neutral one, so a disguised casebook never shows or
 * fetches the real name, even before this runs.
 */
export function applyIdentity(prefs: Prefs): Identity {
  const identity = identityFor(prefs);
  document.title = identity.name;
  const theme = document.querySelector('meta[name="theme-color"]');
  if (theme instanceof HTMLMetaElement) theme.content = identity.themeColour;
  setHref('app-icon', identity.icon);
  setHref('app-touch-icon', identity.touchIcon);
  setHref('app-manifest', identity.manifest);
  return identity;
}
