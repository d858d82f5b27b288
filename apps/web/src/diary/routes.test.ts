import { describe, expect, it } from 'vitest';
import { offersNewIncident, SECTIONS } from './routes';

describe('sections', () => {
  it('are one list with unique names, four of them on the phone bar', () => {
    expect(new Set(SECTIONS.map((s) => s.name)).size).toBe(SECTIONS.length);
    expect(SECTIONS.filter((s) => s.bar).map((s) => s.label)).toEqual([
      'Incidents',
      'Evidence',
      'Pattern',
      'Help',
    ]);
  });

  it('leave New incident out on forms and the account screens only', () => {
    expect(offersNewIncident({ name: 'timeline' })).toBe(true);
    expect(offersNewIncident({ name: 'evidence' })).toBe(true);
    for (const name of [
      'incident-new',
      'incident-edit',
      'person-new',
      'calls',
      'change-passphrase',
    ] as const) {
      expect(offersNewIncident({ name, id: 'x' } as never)).toBe(false);
    }
  });
});
