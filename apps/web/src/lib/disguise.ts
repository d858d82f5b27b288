import type { Prefs } from './prefs';

export interface Identity {
  readonly name: string;
  readonly icon: string;
  readonly touchIcon: string;
  readonly manifest: string;
}

const REAL: Identity = {
  name: 'Casebook',
  icon: '/icons/casebook.svg',
  touchIcon: '/icons/casebook-192.png',
  manifest: '/manifest.webmanifest',
};
const DISGUISED: Identity = {
  name: 'Notes',
  icon: '/icons/notes.svg',
  touchIcon: '/icons/notes-192.png',
  manifest: '/manifest-notes.webmanifest',
};

export function identityFor(prefs: Prefs): Identity {
  return prefs.disguise ? DISGUISED : REAL;
}

function setHref(id: string, href: string): void {
  const link = document.getElementById(id);
  if (link instanceof HTMLLinkElement && link.getAttribute('href') !== href) link.href = href;
}

/** Applies the page title, icon and manifest for the chosen identity. */
export function applyIdentity(prefs: Prefs): Identity {
  const identity = identityFor(prefs);
  document.title = identity.name;
  setHref('app-icon', identity.icon);
  setHref('app-touch-icon', identity.touchIcon);
  setHref('app-manifest', identity.manifest);
  return identity;
}
