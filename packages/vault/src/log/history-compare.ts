/**
 * Comparing a casebook's history with an earlier copy (a fingerprint printed on a report, or an
 * older backup): the earlier copy's checkpoint must be in the later history. If the later one
 * ends before it, its newest entries were cut; if it has a different entry there, it was changed.
 */
import { fingerprintOf, type HistoryPoint, type ParsedFingerprint } from './checkpoint';
import type { Chain } from './log-chain';

export type HistoryComparison =
  | { readonly ok: true; readonly message: string }
  | { readonly ok: false; readonly message: string };

const WHEN = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** "3 March 2026 at 14:02 UTC" from an ISO time; the text itself if it is not one. */
export function describeTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${WHEN.format(date)} UTC`;
}

const lastSeq = (chains: readonly Chain[]) =>
  Math.max(-1, ...chains.map((c) => c.points.at(-1)?.seq ?? -1));

/** Is the checkpoint a person noted (its fingerprint) part of this history? */
export async function compareWithFingerprint(
  caseId: string,
  chains: readonly Chain[],
  expected: ParsedFingerprint,
  text: string,
): Promise<HistoryComparison> {
  for (const chain of chains) {
    const point = chain.points.find((p) => p.seq === expected.seq);
    if (!point) continue;
    const fingerprint = await fingerprintOf(caseId, { device: chain.device, ...point });
    if (fingerprint.replaceAll('-', '').endsWith(expected.hex)) {
      const after = (chain.points.at(-1)?.seq ?? point.seq) - point.seq;
      return {
        ok: true,
        message: `Its history includes the checkpoint ${fingerprint} (entry ${point.seq}, ${describeTime(point.time)})${after > 0 ? `, and ${after} ${after === 1 ? 'entry' : 'entries'} since` : ''}.`,
      };
    }
  }
  const end = lastSeq(chains);
  if (end < expected.seq) {
    return {
      ok: false,
      message: `Its history ends at entry ${end}, earlier than the checkpoint ${text.trim()} (entry ${expected.seq}) you expected: its newest entries have been removed, or this is an older copy.`,
    };
  }
  return {
    ok: false,
    message: `Its history does not contain the checkpoint ${text.trim()}: at entry ${expected.seq} it holds a different entry. It has been changed since, or the fingerprint belongs to another casebook.`,
  };
}

export interface HistoryCopy {
  readonly caseId: string;
  readonly chains: readonly Chain[];
  /** The copy's signed checkpoint (v2); a v1 copy is compared at the end of its chain. */
  readonly checkpoint?: HistoryPoint & { readonly time: string };
}

/** Does `later` contain everything the earlier copy held? */
export function compareWithCopy(later: HistoryCopy, earlier: HistoryCopy): HistoryComparison {
  if (later.caseId !== earlier.caseId) {
    return {
      ok: false,
      message:
        'The two files are different casebooks, so their histories cannot be compared. Check that you chose the right files.',
    };
  }
  const fallback = earlier.chains
    .flatMap((c) => {
      const tip = c.points.at(-1);
      return tip ? [{ device: c.device, ...tip }] : [];
    })
    .sort((a, b) => b.seq - a.seq)[0];
  const point = earlier.checkpoint ?? fallback;
  if (!point) return { ok: true, message: 'The earlier copy has no history to compare.' };
  const when = describeTime(point.time);
  const chain = later.chains.find((c) => c.device === point.device);
  const found = chain?.points.find((p) => p.seq === point.seq);
  if (found && found.h === point.h) {
    const after = (chain?.points.at(-1)?.seq ?? point.seq) - point.seq;
    return {
      ok: true,
      message: `Its history includes everything in the copy of ${when} (entry ${point.seq})${after > 0 ? `, and ${after} ${after === 1 ? 'entry' : 'entries'} since` : ''}.`,
    };
  }
  if (!found) {
    const end = chain?.points.at(-1)?.seq;
    return {
      ok: false,
      message:
        end === undefined
          ? `Its history does not hold the history of the copy of ${when} at all: it has been removed or replaced.`
          : `Its history ends earlier than the copy of ${when}: it ends at entry ${end}, and that copy reached entry ${point.seq}. Its newest entries have been removed.`,
    };
  }
  return {
    ok: false,
    message: `Its history differs from the copy of ${when} at entry ${point.seq}: it has been changed since that copy was made.`,
  };
}
