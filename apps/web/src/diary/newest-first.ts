import type { RecordView } from '../data/record-types';

/**
 * Records newest first: a live record by the time it happened (`timeOf`, epoch ms), a
 * deleted or unreadable one by when that revision was saved.
 */
export function newestFirst<T>(
  records: readonly RecordView<T>[],
  timeOf: (body: T) => number,
): RecordView<T>[] {
  return records
    .map((r) => ({ r, t: r.state === 'live' ? timeOf(r.body) : Date.parse(r.at) }))
    .sort((a, b) => b.t - a.t)
    .map((x) => x.r);
}
