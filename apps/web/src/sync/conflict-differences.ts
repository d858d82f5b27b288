/**
 * What differs between the versions of a record edited on two devices, in words, so the person
 * chooses knowing what each keeps (two versions that say the same "What happened" but differ
 * in the time or the people would otherwise look the same).
 */

const LABELS: Readonly<Record<string, string>> = {
  when: 'When',
  location: 'Where',
  whatHappened: 'What happened',
  behaviours: 'What they did',
  channel: 'How',
  people: 'People',
  offenderDescription: 'How they looked',
  vehicle: 'Vehicle',
  evidence: 'Evidence',
  witnesses: 'Witnesses',
  police: 'Police',
  impact: 'How it affected you',
  changesMade: 'Changes you made',
  impactOnOthers: 'How it affected others',
  name: 'Name',
  title: 'Title',
  description: 'Description',
  notes: 'Notes',
};

/** Fields no person reads (versions and ids): never listed as a difference. */
const HIDDEN = new Set(['schema', 'id']);
const LONGEST = 160;

/** "camelCase" → "Camel case", for fields without a label of their own. */
function labelOf(key: string): string {
  const known = LABELS[key];
  if (known) return known;
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The words a value holds, joined: a time's text, a place's name, a list's items. */
function wordsOf(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (typeof value === 'boolean') return [];
  if (Array.isArray(value)) return value.flatMap(wordsOf);
  if (typeof value === 'object') return Object.values(value).flatMap(wordsOf);
  return [];
}

/** Lists of record ids: their number says what differs (the ids mean nothing to a person). */
const COUNTED: Readonly<Record<string, [string, string]>> = {
  people: ['person', 'people'],
  evidence: ['file', 'files'],
};

function shown(key: string, value: unknown): string {
  const counted = COUNTED[key];
  if (counted && Array.isArray(value)) {
    return value.length === 0
      ? 'None'
      : `${value.length} ${value.length === 1 ? counted[0] : counted[1]}`;
  }
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'object')) {
    return `${value.length} ${value.length === 1 ? 'entry' : 'entries'}`;
  }
  const text = wordsOf(value).join(', ');
  if (text === '') return 'Not filled in';
  return text.length > LONGEST ? `${text.slice(0, LONGEST - 1)}…` : text;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * For each side (by position), the fields whose value is not the same on every side, with
 * what that side holds. Deleted sides and sides without a body give no fields.
 */
export function conflictDifferences(
  sides: readonly { readonly deleted: boolean; readonly body?: unknown }[],
): { label: string; value: string }[][] {
  const bodies = sides.map((s) =>
    !s.deleted && s.body && typeof s.body === 'object'
      ? (s.body as Record<string, unknown>)
      : undefined,
  );
  const present = bodies.filter((b): b is Record<string, unknown> => b !== undefined);
  const keys = [...new Set(present.flatMap((b) => Object.keys(b)))].filter((k) => !HIDDEN.has(k));
  const ordered = [
    ...Object.keys(LABELS).filter((k) => keys.includes(k)),
    ...keys.filter((k) => !(k in LABELS)).sort(),
  ];
  const differing = ordered.filter((k) => present.some((b) => !same(b[k], present[0]?.[k])));
  return bodies.map((body) =>
    body ? differing.map((key) => ({ label: labelOf(key), value: shown(key, body[key]) })) : [],
  );
}
