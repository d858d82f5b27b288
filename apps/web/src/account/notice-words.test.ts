import { describe, expect, it } from 'vitest';
import { describeFailedAttempts, describeLoggedFailures, describeMoment } from './notice-words';

const NOW = new Date('2026-03-10T12:00:00Z');
const attempts = (count: number, recoveryCodes = 0) => ({
  count,
  recoveryCodes,
  first: '2026-03-02T09:00:00Z',
  last: '2026-03-03T14:02:00Z',
});

describe('describeFailedAttempts', () => {
  it('says how many, and when the last was, in plain words', () => {
    expect(describeFailedAttempts(attempts(3), NOW, 'Europe/London')).toBe(
      '3 attempts with a wrong passphrase since you last opened it, the last on 3 March at 14:02.',
    );
  });

  it('words a single attempt without "the last"', () => {
    expect(describeFailedAttempts(attempts(1), NOW, 'Europe/London')).toBe(
      '1 attempt with a wrong passphrase since you last opened it, on 3 March at 14:02.',
    );
  });

  it('names recovery codes, alone or mixed', () => {
    expect(describeFailedAttempts(attempts(2, 2), NOW, 'Europe/London')).toBe(
      '2 attempts with a wrong recovery code since you last opened it, the last on 3 March at 14:02.',
    );
    expect(describeFailedAttempts(attempts(4, 1), NOW, 'Europe/London')).toBe(
      '4 attempts with a wrong passphrase or recovery code (3 with a passphrase, 1 with a recovery code) since you last opened it, the last on 3 March at 14:02.',
    );
  });
});

describe('describeMoment', () => {
  it('uses the zone given and adds the year only when it is not this year', () => {
    expect(describeMoment('2026-07-01T13:05:00Z', NOW, 'Europe/London')).toBe('1 July at 14:05');
    expect(describeMoment('2025-12-24T08:00:00Z', NOW, 'Europe/London')).toBe(
      '24 December 2025 at 08:00',
    );
    expect(describeMoment('not a date', NOW)).toBe('an unknown time');
  });
});

describe('describeLoggedFailures', () => {
  it('words the audit entry from its logged count', () => {
    expect(describeLoggedFailures({ count: 3, recoveryCodes: 0 })).toBe(
      'opened after 3 attempts with a wrong passphrase',
    );
    expect(describeLoggedFailures({ count: 1, recoveryCodes: 1 })).toBe(
      'opened after 1 attempt with a wrong passphrase or recovery code',
    );
    expect(describeLoggedFailures()).toBe('opened after attempts with a wrong passphrase');
  });
});
