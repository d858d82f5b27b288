import { importedKeys } from './plan-import';

/** The little of a vault that finding the imported keys needs (so core stays free of I/O). */
export interface ImportedRecordReader {
  list(
    kind: 'imported-message' | 'imported-call',
  ): Promise<readonly ({ readonly id: string } & StoredRevision)[]>;
  history(
    kind: 'imported-message' | 'imported-call',
    id: string,
  ): Promise<readonly StoredRevision[]>;
}

type StoredRevision =
  | { readonly deleted: false; readonly body: unknown }
  | { readonly deleted: true };

/**
 * Every import key already in a casebook, deleted messages and calls included (read from their
 * last live revision): a message the person deleted is never added back by importing the same
 * export again. Shared by `casebook import` and the web app's Import screen.
 */
export async function knownImportKeys(reader: ImportedRecordReader): Promise<Set<string>> {
  const bodies: unknown[] = [];
  for (const kind of ['imported-message', 'imported-call'] as const) {
    for (const state of await reader.list(kind)) {
      if (!state.deleted) {
        bodies.push(state.body);
        continue;
      }
      const live = (await reader.history(kind, state.id)).filter((r) => !r.deleted);
      const last = live[live.length - 1];
      if (last !== undefined && !last.deleted) bodies.push(last.body);
    }
  }
  return importedKeys(bodies);
}

/** The initials most used in a casebook's exhibit numbers ("AB/3" → AB), if any. */
export function initialsInUse(refs: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const ref of refs) {
    const initials = ref.split('/')[0];
    if (initials) counts.set(initials, (counts.get(initials) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
