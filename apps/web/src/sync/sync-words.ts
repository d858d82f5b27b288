/** The words of the Sync screens, kept apart from React so they can be tested. */

/** "3 December 2026 at 14:02" in the person's own time zone. */
export function whenText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(
    date,
  );
  return `${day} at ${time}`;
}

/** "It works for 10 minutes, until 14:12." */
export function codeLastsText(expiresAt: string, now: number = Date.now()): string {
  const end = new Date(expiresAt);
  if (Number.isNaN(end.getTime())) return 'It works for a few minutes.';
  const minutes = Math.max(1, Math.round((end.getTime() - now) / 60_000));
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(end);
  return `It works once, for ${minutes} minute${minutes === 1 ? '' : 's'} (until ${time}).`;
}

/** "Sent 2 changes and received 1." */
export function exchangeText(sent: number, received: number): string {
  const n = (count: number) => `${count} ${count === 1 ? 'change' : 'changes'}`;
  if (sent === 0 && received === 0) return 'Nothing new to send or receive.';
  return `Sent ${n(sent)} and received ${n(received)}.`;
}
