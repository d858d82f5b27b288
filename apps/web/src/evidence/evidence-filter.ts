import type { EvidenceItem } from '@casebook/core';

/** What the Evidence screen's search and filters ask for; "" means any. */
export interface EvidenceFilter {
  /** Words found anywhere: reference, file name, description, linked incidents. */
  readonly text: string;
  readonly type: '' | EvidenceType;
  /** An exhibit reference or the start of one: "AB/3", "ab/1" (AB/1, AB/10…), "AB". */
  readonly ref: string;
  /** Inclusive local dates the item was added, "2026-03-01". */
  readonly from: string;
  readonly to: string;
  /** An incident id the item is linked to. */
  readonly incident: string;
}

export const NO_EVIDENCE_FILTER: EvidenceFilter = {
  text: '',
  type: '',
  ref: '',
  from: '',
  to: '',
  incident: '',
};

export type EvidenceType = 'image' | 'video' | 'audio' | 'document' | 'other';

export const EVIDENCE_TYPES: readonly { id: EvidenceType; label: string }[] = [
  { id: 'image', label: 'Photos and screenshots' },
  { id: 'video', label: 'Videos' },
  { id: 'audio', label: 'Recordings' },
  { id: 'document', label: 'Documents' },
  { id: 'other', label: 'Other files' },
];

const DOCUMENT = /^(application\/(pdf|msword|rtf|vnd\.|x-iwork)|text\/)/;

/** The kind of file, from its media type, for filtering and for the card's placeholder. */
export function evidenceType(mediaType: string): EvidenceType {
  const top = mediaType.split('/')[0];
  if (top === 'image' || top === 'video' || top === 'audio') return top;
  return DOCUMENT.test(mediaType) ? 'document' : 'other';
}

/** The device's own calendar date of an instant, as "YYYY-MM-DD" (how the date inputs speak). */
export function localDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function isFilteringEvidence(f: EvidenceFilter): boolean {
  return Boolean(f.text.trim() || f.type || f.ref.trim() || f.from || f.to || f.incident);
}

/** `labelOf` names a linked incident (its date and first words) for the text search. */
export function evidenceMatches(
  item: EvidenceItem,
  f: EvidenceFilter,
  labelOf: (incidentId: string) => string | undefined,
): boolean {
  if (f.type && evidenceType(item.mediaType) !== f.type) return false;
  const ref = f.ref.trim().toUpperCase();
  if (ref) {
    const own = item.exhibitRef ?? '';
    // "AB/1" is that exhibit only; "AB" or "AB/" every one of those initials.
    const whole = /\/\d+$/.test(ref);
    if (whole ? own !== ref : !own.startsWith(ref.endsWith('/') ? ref : `${ref}/`)) return false;
  }
  if (f.incident && !item.incidents.includes(f.incident as EvidenceItem['incidents'][number]))
    return false;
  if (f.from || f.to) {
    const day = localDay(item.intakeAt);
    if (f.from && day < f.from) return false;
    if (f.to && day > f.to) return false;
  }
  const words = f.text.toLocaleLowerCase('en-GB').split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [
    item.exhibitRef,
    item.originalName,
    item.description,
    item.mediaType,
    ...item.incidents.map(labelOf),
  ]
    .filter(Boolean)
    .join('\n')
    .toLocaleLowerCase('en-GB');
  return words.every((w) => haystack.includes(w));
}
