import { ExhibitRefSchema } from '@casebook/core';

export type InitialsResult = { ok: true; initials: string } | { ok: false; reason: string };
export type ExhibitRefResult = { ok: true; ref: string } | { ok: false; reason: string };

/** The highest number `ExhibitRefSchema` allows (six digits). */
export const MAX_EXHIBIT_NUMBER = 999_999;

/** Initials as exhibit references use them: 1–4 letters A–Z, upper-cased, spaces and dots ignored. */
export function parseInitials(input: string): InitialsResult {
  const initials = input.replace(/[\s.]/g, '').toUpperCase();
  if (/^[A-Z]{1,4}$/.test(initials)) return { ok: true, initials };
  return {
    ok: false,
    reason: 'Initials must be 1 to 4 letters from A to Z, like AB. Leave out accents and numbers.',
  };
}

/**
 * The next exhibit reference for these initials: one more than the highest number already
 * used with them (`AB/1`, `AB/2`, …). Pass every reference ever given out, including those
 * of deleted (tombstoned) items, so a number is never reused; gaps are never filled.
 * References with other initials, or malformed ones, are ignored.
 */
export function nextExhibitRef(initials: string, existing: readonly string[]): ExhibitRefResult {
  const parsed = parseInitials(initials);
  if (!parsed.ok) return parsed;
  const prefix = `${parsed.initials}/`;
  let highest = 0;
  for (const ref of existing) {
    if (!ref.startsWith(prefix) || !ExhibitRefSchema.safeParse(ref).success) continue;
    highest = Math.max(highest, Number(ref.slice(prefix.length)));
  }
  if (highest >= MAX_EXHIBIT_NUMBER) {
    return { ok: false, reason: `There are no exhibit numbers left for ${parsed.initials}.` };
  }
  return { ok: true, ref: `${prefix}${highest + 1}` };
}

/**
 * Initials from a name, for the settings screen to suggest: `Alex Brown` → `AB`,
 * `Mary-Jane O'Neil` → `MJO`, `Siân Ó Briain` → `SOB`. Accents are dropped; with more than
 * four parts, the first three and the last are used. Undefined when no letter A–Z is found.
 */
export function initialsFromName(name: string): string | undefined {
  const parts = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[\s\-‐–—_.,]+/)
    .map((part) => /[A-Za-z]/.exec(part)?.[0]?.toUpperCase())
    .filter((letter): letter is string => letter !== undefined);
  if (parts.length === 0) return undefined;
  return (parts.length > 4 ? [...parts.slice(0, 3), parts.at(-1)] : parts).join('');
}
