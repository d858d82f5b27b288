import { z } from 'zod';
import type { Result } from '../ports';
import { describeIssues } from '../validate';
import DEFAULT_DIRECTORY from './help-directory.en-GB.json';

export const HELP_DIRECTORY_SCHEMA_VERSION: 1 = 1;

const text = (max: number, what: string) =>
  z.string().trim().min(1, `Enter ${what}.`).max(max, `Keep ${what} under ${max} characters.`);

/** A number as dialled (`999`, `101`, `+448088020300`) and as shown (`0808 802 0300`). */
export const HelpPhoneSchema = z.strictObject({
  /** Digits with an optional leading "+": E.164 for full numbers, the short code otherwise. */
  dial: z
    .string()
    .regex(/^\+?[0-9]{3,15}$/, 'Write the number to dial as digits, like +448088020300 or 999.'),
  display: text(40, 'the number as people read it'),
  /** What this number is for, when an organisation has more than one. */
  label: text(100, 'a label').optional(),
});

/**
 * Kinds of entry. `local` is for services the deploying organisation adds for its own area
 * (victim services, IDVAs, local police teams); the default list has none rather than a
 * placeholder.
 */
export const HelpKindSchema = z.enum(['emergency', 'police', 'helpline', 'charity', 'local'], {
  error: 'Choose a kind: emergency, police, helpline, charity or local.',
});

/** One organisation people can turn to. */
export const HelpEntrySchema = z.strictObject({
  /** Stable kebab-case id, unique in the directory. */
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use a kebab-case id, like national-stalking-helpline.'),
  kind: HelpKindSchema,
  organisation: text(200, 'the organisation’s name'),
  /** What they do, in a sentence or two of plain language. */
  whatTheyDo: text(1000, 'what they do'),
  phones: z.array(HelpPhoneSchema).max(10),
  /** Opening hours as people read them, e.g. "Weekdays, daytime — check current hours". */
  hours: text(200, 'the hours').optional(),
  /** Web address as text only: the app shows it and never fetches it. */
  url: text(300, 'the web address').optional(),
  email: z.email('Enter a valid email address.').optional(),
  /** True when you can contact them without giving your name. */
  anonymous: z.boolean({ error: 'Say true or false: can people contact them anonymously?' }),
  /** True only for services that respond to emergencies at any hour. */
  crisis: z.boolean({ error: 'Say true or false: is this a 24-hour crisis service?' }),
  /** Where the service is available, e.g. "United Kingdom", "Derbyshire". */
  region: text(100, 'the region'),
  /** BCP 47 language tag of the entry's text, e.g. "en-GB" or "cy". */
  language: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'Use a language tag like en-GB.'),
});

/** A replaceable list of help for one region and language. */
export const HelpDirectorySchema = z.strictObject({
  schema: z.literal(HELP_DIRECTORY_SCHEMA_VERSION),
  region: text(100, 'the region'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'Use a language tag like en-GB.'),
  entries: z.array(HelpEntrySchema).min(1, 'The help directory has no entries.').max(500),
});

export type HelpPhone = z.infer<typeof HelpPhoneSchema>;
export type HelpEntry = z.infer<typeof HelpEntrySchema>;
export type HelpDirectory = z.infer<typeof HelpDirectorySchema>;

/** "entry 3 (Paladin)" for an issue inside `entries`, from the raw input. */
function entryName(input: unknown, index: number): string {
  const entries = (input as { entries?: unknown } | null)?.entries;
  const raw = Array.isArray(entries)
    ? (entries[index] as { organisation?: unknown } | undefined)
    : undefined;
  const name = typeof raw?.organisation === 'string' ? ` (${raw.organisation})` : '';
  return `Entry ${index + 1}${name}`;
}

/**
 * Checks a help directory (parsed JSON, or JSON text). A failure names the entry at fault,
 * e.g. `Entry 4 (Crimestoppers) › phones (item 1) › dial: Write the number to dial as digits…`.
 */
export function parseHelpDirectory(json: unknown): Result<HelpDirectory> {
  let input = json;
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json);
    } catch {
      return { ok: false, reason: 'The help directory file is not valid JSON.' };
    }
  }
  const parsed = HelpDirectorySchema.safeParse(input);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => {
      const [top, index, ...rest] = issue.path;
      if (top === 'entries' && typeof index === 'number') {
        const where = describeIssues(new z.ZodError([{ ...issue, path: rest }]));
        return `${entryName(input, index)} › ${where}`;
      }
      return describeIssues(new z.ZodError([issue]));
    });
    return { ok: false, reason: `The help directory has a problem:\n${reasons.join('\n')}` };
  }
  const seen = new Set<string>();
  for (const [i, entry] of parsed.data.entries.entries()) {
    if (seen.has(entry.id)) {
      return {
        ok: false,
        reason: `The help directory has a problem: ${entryName(input, i)} uses the id "${entry.id}", which an earlier entry already has.`,
      };
    }
    seen.add(entry.id);
  }
  return { ok: true, value: parsed.data };
}

/** The default UK directory shipped with Casebook. Throws if the bundled file is broken (a bug). */
export function defaultHelpDirectory(): HelpDirectory {
  const result = parseHelpDirectory(DEFAULT_DIRECTORY);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}
