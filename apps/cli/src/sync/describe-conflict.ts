/**
 * How a conflict reads in the terminal: what was written twice, each side with the device that
 * wrote it and when, and the command that chooses one. Device ids are random; the first eight
 * characters are enough to tell a person's few devices apart and to name one to `resolve`.
 */
import { describeTime, type sync } from '@casebook/vault';

/** `this` or the first eight characters of a device's id. */
export const deviceLabel = (device: string, me: string) =>
  device === me ? 'this device' : `device ${device.slice(0, 8)}`;

export function describeConflict(conflict: sync.Conflict, me: string, casebook: string): string[] {
  const lines = [
    `${conflict.label}: ${conflict.kind} ${conflict.id} (revision ${conflict.rev}). Both are kept.`,
  ];
  for (const side of conflict.sides) {
    const what = side.state.deleted ? `deleted it (“${side.state.reason}”)` : 'edited it';
    lines.push(`  ${deviceLabel(side.device, me)} ${what} on ${describeTime(side.state.at)}`);
  }
  // `--keep=` because a device id may begin with '-'.
  const keep = conflict.sides.map((s) => (s.device === me ? 'this' : s.device.slice(0, 8)));
  lines.push(
    `  To choose one: casebook resolve ${casebook} ${conflict.kind}/${conflict.id} --keep=${keep.join(' or --keep=')}`,
  );
  return lines;
}
