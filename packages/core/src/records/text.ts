import { z } from 'zod';

/** Longest narrative we accept: generous, but a runaway paste is a validation error, not a crash. */
export const MAX_LONG_TEXT = 100_000;
/** Longest short field (a name, a number, a reference). */
export const MAX_SHORT_TEXT = 1_000;

/** Free text such as a narrative or notes; may be empty. */
export const longText = z
  .string()
  .max(MAX_LONG_TEXT, 'This text is too long. Keep it under 100,000 characters.');

/** A short free-text field such as a name or reference. */
export const shortText = z
  .string()
  .max(MAX_SHORT_TEXT, 'This is too long. Keep it under 1,000 characters.');

/** Long text that must say something (not just spaces). */
export function requiredLongText(message: string) {
  return longText.refine((s) => s.trim().length > 0, message);
}

/** Short text that must say something (not just spaces). */
export function requiredShortText(message: string) {
  return shortText.refine((s) => s.trim().length > 0, message);
}

/** A bounded list, so a corrupt or hostile record cannot hold a million entries. */
export function list<T extends z.ZodType>(item: T, max = 1_000) {
  return z.array(item).max(max, `This list is too long. Keep it under ${max} entries.`);
}
