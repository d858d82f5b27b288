/**
 * Several devices' chains as one list, oldest first: merged by time, each chain kept in its own
 * order. A plain sort by time would put a device's entry before an earlier one of its own when
 * that device's clock was set back (by hand, or by someone with the phone); a chain's order is
 * what its signatures fix, so it is never changed.
 */
export function mergeChains<T extends { readonly time: string }>(
  entries: readonly T[],
  chainOf: (entry: T) => string,
): T[] {
  const chains = new Map<string, T[]>();
  for (const entry of entries) {
    const key = chainOf(entry);
    const list = chains.get(key);
    if (list) list.push(entry);
    else chains.set(key, [entry]);
  }
  const lists = [...chains.values()];
  if (lists.length < 2) return [...entries];
  const at = lists.map(() => 0);
  const out: T[] = [];
  while (out.length < entries.length) {
    let pick = -1;
    for (let i = 0; i < lists.length; i++) {
      const head = lists[i]?.[at[i] ?? 0];
      if (!head) continue;
      const best = pick < 0 ? undefined : lists[pick]?.[at[pick] ?? 0];
      // Ties go to the chain met first in the store's order (the v1 chain, then by device).
      if (!best || head.time < best.time) pick = i;
    }
    const list = lists[pick] as T[];
    out.push(list[at[pick] ?? 0] as T);
    at[pick] = (at[pick] ?? 0) + 1;
  }
  return out;
}
