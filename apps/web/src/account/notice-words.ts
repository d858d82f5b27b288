import type { UnlockNoticesView } from '../worker/protocol';

type FailedAttempts = NonNullable<UnlockNoticesView['failedAttempts']>;

/** "3 March at 14:02" (with the year when it is not this year), in the device's time zone. */
export function describeMoment(iso: string, now = new Date(), timeZone?: string): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return 'an unknown time';
  const zone = timeZone === undefined ? {} : { timeZone };
  const year = (d: Date) =>
    new Intl.DateTimeFormat('en-GB', { year: 'numeric', ...zone }).format(d);
  const day = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    ...(year(when) !== year(now) && { year: 'numeric' }),
    ...zone,
  }).format(when);
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...zone,
  }).format(when);
  return `${day} at ${time}`;
}

const times = (n: number) => (n === 1 ? '1 attempt' : `${n} attempts`);

/**
 * "3 attempts with a wrong passphrase since you last opened it, the last on 3 March at 14:02."
 * Recovery codes are counted too and named as such.
 */
export function describeFailedAttempts(
  attempts: FailedAttempts,
  now = new Date(),
  timeZone?: string,
): string {
  const codes = Math.min(attempts.recoveryCodes, attempts.count);
  const passphrases = attempts.count - codes;
  const what =
    codes === 0
      ? 'with a wrong passphrase'
      : passphrases === 0
        ? 'with a wrong recovery code'
        : `with a wrong passphrase or recovery code (${passphrases} with a passphrase, ${codes} with a recovery code)`;
  const last = describeMoment(attempts.last, now, timeZone);
  const when = attempts.count === 1 ? `on ${last}` : `the last on ${last}`;
  return `${times(attempts.count)} ${what} since you last opened it, ${when}.`;
}

/** The audit log's wording of an unlock-failures entry, from its logged count. */
export function describeLoggedFailures(detail: Readonly<Record<string, string | number>> = {}) {
  const count = typeof detail.count === 'number' ? detail.count : undefined;
  const codes = typeof detail.recoveryCodes === 'number' ? detail.recoveryCodes : 0;
  const what = codes > 0 ? 'a wrong passphrase or recovery code' : 'a wrong passphrase';
  return count === undefined
    ? `opened after attempts with ${what}`
    : `opened after ${times(count)} with ${what}`;
}
