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
  | { name: 'evidence-view'; id: string; back: Route }
  | { name: 'audit' }
  | { name: 'backup' }
  | { name: 'settings' }
  | { name: 'change-passphrase' }
  | { name: 'new-recovery-code' }
  | { name: 'pattern' }
  | { name: 'stalking' }
  | { name: 'risk' }
  | { name: 'safety-plan' }
  | { name: 'help' };

export type Navigate = (route: Route) => void;

export const SECTIONS = [
  { name: 'timeline', label: 'Incidents' },
  { name: 'people', label: 'People' },
  { name: 'calls', label: 'Calls' },
  { name: 'items', label: 'Items' },
  { name: 'evidence', label: 'Evidence' },
  { name: 'audit', label: 'Audit log' },
  { name: 'backup', label: 'Backup' },
  { name: 'settings', label: 'Settings' },
] as const;

/** The second row: seeing the pattern, knowing the risk, planning for safety, finding help. */
export const INSIGHT_SECTIONS = [
  { name: 'pattern', label: 'Pattern' },
  { name: 'risk', label: 'Risk checklist' },
  { name: 'safety-plan', label: 'Safety plan' },
  { name: 'help', label: 'Help' },
] as const;

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
      return 'settings';
    case 'evidence-view':
      return sectionOf(route.back);
    case 'stalking':
      return 'pattern';
    default:
      return route.name;
  }
}
