import { z } from 'zod';

/** One option of a taxonomy: a stable id (kebab-case, never renamed) and a UK English label. */
export interface TaxonomyEntry<Id extends string = string> {
  readonly id: Id;
  readonly label: string;
}

/** Builds the ordered entries of a taxonomy from its id tuple and a complete label table. */
export function entries<const Id extends string>(
  ids: readonly Id[],
  labels: Readonly<Record<Id, string>>,
): readonly TaxonomyEntry<Id>[] {
  return ids.map((id) => ({ id, label: labels[id] }));
}

/** A zod enum over taxonomy ids with a message people can act on instead of a list of ids. */
export function taxonomySchema<const Id extends string>(ids: readonly [Id, ...Id[]], what: string) {
  return z.enum(ids, { error: `Choose ${what} from the list.` });
}
