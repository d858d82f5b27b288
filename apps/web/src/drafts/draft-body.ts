import { z } from 'zod';

/**
 * A draft: what a form held when it was last changed, kept encrypted in the vault as a record
 * of kind `draft` (id = its slot) while the casebook is unlocked, so nothing written is lost
 * to a change of screen, a lock or a closed tab. Saving or discarding the form removes it.
 */
export const DRAFT_FORMS = ['incident', 'person', 'call', 'item'] as const;
export type DraftForm = (typeof DRAFT_FORMS)[number];

/** The vault record kind drafts are kept under (not one of core's kinds: never in a report). */
export const DRAFT_KIND = 'draft';

/** A runaway draft is refused rather than stored: about the size of ten long incidents. */
export const MAX_DRAFT_JSON = 1_000_000;

export const DraftBodySchema = z.strictObject({
  v: z.literal(1),
  form: z.enum(DRAFT_FORMS),
  /** The record being edited; absent for a new one. */
  target: z.string().min(1).max(200).optional(),
  /** The form's own state, checked field by field against the form when it is restored. */
  values: z.record(z.string(), z.unknown()),
});
export type DraftBody = z.infer<typeof DraftBodySchema>;

/** A kept draft as the UI sees it: `at` is when it was last kept (ISO). */
export interface DraftView {
  readonly slot: string;
  readonly at: string;
  readonly body: DraftBody;
}

/** One slot per form and record: `incident:new`, `person:<id>`. */
export function draftSlot(form: DraftForm, target?: string): string {
  return `${form}:${target ?? 'new'}`;
}

export function parseDraftBody(
  value: unknown,
): { ok: true; value: DraftBody } | { ok: false; message: string } {
  if (JSON.stringify(value).length > MAX_DRAFT_JSON) {
    return { ok: false, message: 'This draft is too long to keep.' };
  }
  const parsed = DraftBodySchema.safeParse(value);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, message: 'This draft could not be kept.' };
}

function sameShape(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b);
  if (a === null || a === undefined) return b === null || b === undefined || typeof b === 'string';
  return typeof a === typeof b && !Array.isArray(b);
}

/**
 * The form's empty state with each saved value laid over it where it has the same shape, so a
 * draft from an older version of a form can never put a wrong type into it.
 */
export function restoreValues<T extends object>(
  empty: T,
  saved: Readonly<Record<string, unknown>>,
): T {
  const out = { ...empty } as Record<string, unknown>;
  for (const [key, base] of Object.entries(empty)) {
    if (!Object.hasOwn(saved, key)) continue;
    const value = saved[key];
    if (sameShape(base, value)) out[key] = value;
  }
  return out as T;
}

const NOUNS: Record<DraftForm, string> = {
  incident: 'incident',
  person: 'person',
  call: 'call',
  item: 'item',
};

const clock = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const day = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long' });

/** "14:02" today, "yesterday at 14:02", or "Tuesday 3 March at 14:02". */
export function draftTimeWords(at: string, now: Date): string {
  const when = new Date(at);
  if (Number.isNaN(when.getTime())) return 'earlier';
  const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();
  const time = clock.format(when);
  if (sameDay(when, now)) return time;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(when, yesterday)) return `yesterday at ${time}`;
  return `${day.format(when).replace(',', '')} at ${time}`;
}

/** "You have an unsaved incident from 14:02: carry on or discard." */
export function draftOfferWords(draft: Pick<DraftView, 'at' | 'body'>, now: Date): string {
  const noun = NOUNS[draft.body.form];
  const when = draftTimeWords(draft.at, now);
  const what = draft.body.target
    ? `unsaved changes to ${article(noun)} ${noun}`
    : `an unsaved ${noun}`;
  return `You have ${what} from ${when}: carry on or discard.`;
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? 'an' : 'a';
}
