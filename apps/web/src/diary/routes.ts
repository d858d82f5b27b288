/**
 * Screens of the unlocked diary. Navigation is in memory, never in the URL: the history stack
 * stays one entry deep, so Quick exit's location.replace leaves nothing to go Back to, and no
 * record id or screen name is written to browser history.
 */
export type Route =
  | { name: 'timeline'; flash?: string }
  | { name: 'incident-new' }
  | { name: 'incident'; id: string }
  | { name: 'incident-edit'; id: string }
  | { name: 'history'; kind: 'incident' | 'person' | 'call' | 'item' | 'evidence'; id: string }
  | { name: 'people' }
  | { name: 'person-new' }
  | { name: 'person-edit'; id: string }
  | { name: 'calls' }
  | { name: 'items' }
  | { name: 'evidence' }
  | { name: 'import' }
  | { name: 'evidence-view'; id: string; back: Route }
  | { name: 'audit' }
  | { name: 'report' }
  | { name: 'backup' }
  | { name: 'settings' }
  | { name: 'sync' }
  | { name: 'change-passphrase' }
  | { name: 'new-recovery-code' }
  | { name: 'pattern' }
  | { name: 'stalking' }
  | { name: 'risk' }
  | { name: 'safety-plan' }
  | { name: 'help' };

export type Navigate = (route: Route) => void;

/** A section of the nav. `bar`: one of the four on the phone's bottom bar (the rest are under More). */
export interface Section {
  readonly name: Route['name'];
  readonly label: string;
  /** The wide screen's two rows: the records, then seeing the pattern and finding help. */
  readonly row: 'records' | 'insight';
  readonly bar?: true;
}

/** Every section, in order. A new section is one line here (and its route and screen). */
export const SECTIONS: readonly Section[] = [
  { name: 'timeline', label: 'Incidents', row: 'records', bar: true },
  { name: 'people', label: 'People', row: 'records' },
  { name: 'calls', label: 'Calls', row: 'records' },
  { name: 'items', label: 'Items', row: 'records' },
  { name: 'evidence', label: 'Evidence', row: 'records', bar: true },
  { name: 'import', label: 'Import', row: 'records' },
  { name: 'report', label: 'Report', row: 'records' },
  { name: 'audit', label: 'Audit log', row: 'records' },
  { name: 'backup', label: 'Backup', row: 'records' },
  { name: 'settings', label: 'Settings', row: 'records' },
  { name: 'pattern', label: 'Pattern', row: 'insight', bar: true },
  { name: 'risk', label: 'Risk checklist', row: 'insight' },
  { name: 'safety-plan', label: 'Safety plan', row: 'insight' },
  { name: 'help', label: 'Help', row: 'insight', bar: true },
];

/**
 * Screens where the floating "New incident" would be in the way: forms being written (a new
 * incident among them) and the account screens behind the passphrase.
 */
const NO_NEW_INCIDENT: ReadonlySet<Route['name']> = new Set<Route['name']>([
  'incident-new',
  'incident-edit',
  'person-new',
  'person-edit',
  'calls',
  'items',
  'risk',
  'change-passphrase',
  'new-recovery-code',
  'report',
  'import',
]);

export function offersNewIncident(route: Route): boolean {
  return !NO_NEW_INCIDENT.has(route.name);
}

/** Which top-level section a route belongs to, for the nav's current marker. */
export function sectionOf(route: Route): string {
  switch (route.name) {
    case 'incident-new':
    case 'incident':
    case 'incident-edit':
      return 'timeline';
    case 'history':
      return route.kind === 'incident'
        ? 'timeline'
        : route.kind === 'person'
          ? 'people'
          : route.kind === 'evidence'
            ? 'evidence'
            : `${route.kind}s`;
    case 'person-new':
    case 'person-edit':
      return 'people';
    case 'change-passphrase':
    case 'new-recovery-code':
    case 'sync':
      return 'settings';
    case 'evidence-view':
      return sectionOf(route.back);
    case 'stalking':
      return 'pattern';
    default:
      return route.name;
  }
}
