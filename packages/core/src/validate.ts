import type { z } from 'zod';
import type { Result } from './ports';

/** Field names as people read them in messages. Unknown paths fall back to the key itself. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  whatHappened: 'What happened',
  when: 'When',
  start: 'Start',
  end: 'End',
  local: 'Date and time',
  zone: 'Time zone',
  offset: 'UTC offset',
  location: 'Location',
  coords: 'Coordinates',
  behaviours: 'Behaviours',
  channel: 'How it happened',
  witnesses: 'Witnesses',
  police: 'Police',
  number: 'Number',
  durationSeconds: 'Length of call',
  what: 'What it is',
  receivedAt: 'When received',
  sha256: 'SHA-256',
  exhibitRef: 'Exhibit reference',
  mediaType: 'Media type',
};

function describePath(path: readonly PropertyKey[]): string {
  const named = path
    .filter((p): p is string => typeof p === 'string')
    .map((p) => FIELD_NAMES[p] ?? p);
  const last = path.at(-1);
  const index = typeof last === 'number' ? ` (item ${last + 1})` : '';
  return named.length > 0 ? `${named.join(' › ')}${index}` : '';
}

/** One readable line per problem, e.g. `What happened: Write a few words about what happened.` */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = describePath(issue.path);
      return where === '' ? issue.message : `${where}: ${issue.message}`;
    })
    .join('\n');
}

/** Checks `value` against `schema`; a failure carries the readable problems as its reason. */
export function validate<T>(schema: z.ZodType<T>, value: unknown): Result<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, reason: describeIssues(parsed.error) };
}
