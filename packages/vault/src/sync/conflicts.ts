/**
 * Never last-writer-wins. Revisions are numbered per record: a device writes one more than the
 * newest it has seen. Two devices that edited one record offline both write the same number;
 * both revisions are kept, and the record is shown as "Edited on two devices" for the person
 * to choose. A delete against an edit is such a pair too, shown rather than lost.
 */
import { canonicalJson } from '@casebook/core';
import type { RecordState } from '../revision';

export interface RevisionFrom {
  /** The casebook's id for the device that wrote it. */
  readonly device: string;
  readonly state: RecordState;
}

export interface Conflict {
  readonly kind: string;
  readonly id: string;
  /** The revision number both (or all) devices wrote (the newest such, when several). */
  readonly rev: number;
  /**
   * Each device's side, by device id: its newest revision of the record (a device that wrote
   * more on top of its side is shown with what it wrote last, as the person would choose it).
   */
  readonly sides: readonly RevisionFrom[];
  /** One side deleted the record while another edited it. */
  readonly deleteVsEdit: boolean;
  /** What a screen says. */
  readonly label: string;
}

const content = (s: RecordState) =>
  canonicalJson(s.deleted ? { deleted: true, reason: s.reason } : { deleted: false, body: s.body });

/**
 * The conflict between sides (at most one per device), or undefined when every side says the
 * same. `rev` is the revision number the devices both wrote (the newest such, when several).
 */
export function conflictOf(
  kind: string,
  id: string,
  rev: number,
  sides: readonly RevisionFrom[],
): Conflict | undefined {
  if (sides.length < 2 || new Set(sides.map((s) => content(s.state))).size < 2) return undefined;
  const deleteVsEdit = sides.some((s) => s.state.deleted) && sides.some((s) => !s.state.deleted);
  return {
    kind,
    id,
    rev,
    sides: [...sides].sort((a, b) => (a.device < b.device ? -1 : 1)),
    deleteVsEdit,
    label: deleteVsEdit ? 'Deleted on one device, edited on another' : 'Edited on two devices',
  };
}

/** Every record revision number written differently by more than one device. */
export function findConflicts(revisions: readonly RevisionFrom[]): Conflict[] {
  const byRev = new Map<string, RevisionFrom[]>();
  for (const r of revisions) {
    const key = `${r.state.kind}\u0000${r.state.id}\u0000${r.state.rev}`;
    const list = byRev.get(key) ?? [];
    // The same device's same revision twice (pulled again) is one.
    if (!list.some((x) => x.device === r.device)) list.push(r);
    byRev.set(key, list);
  }
  const out: Conflict[] = [];
  for (const sides of byRev.values()) {
    const first = sides[0]?.state as RecordState;
    const conflict = conflictOf(first.kind, first.id, first.rev, sides);
    if (conflict) out.push(conflict);
  }
  return out.sort((a, b) => (a.kind + a.id < b.kind + b.id ? -1 : 1));
}
