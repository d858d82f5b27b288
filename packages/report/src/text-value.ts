/**
 * User-written text as the report shows it. A redaction replaces a value (or a part of one) by a
 * marker that carries its reason, so every renderer can draw a visible bar: "Redacted: new address".
 */
export interface Redacted {
  readonly redacted: true;
  /** Why, in words for the reader, e.g. "new address". */
  readonly reason: string;
}

/** Free text in which some words (a child's name, say) were redacted. */
export interface PartlyRedacted {
  readonly parts: readonly (string | Redacted)[];
}

export type TextValue = string | Redacted | PartlyRedacted;

export function isRedacted(value: unknown): value is Redacted {
  return typeof value === 'object' && value !== null && (value as Redacted).redacted === true;
}

export function isPartlyRedacted(value: unknown): value is PartlyRedacted {
  return (
    typeof value === 'object' && value !== null && Array.isArray((value as PartlyRedacted).parts)
  );
}

export const redactionLabel = (reason: string) => `Redacted: ${reason}`;

/** The value as plain text, with each redaction written as `[Redacted: reason]`. */
export function plainText(value: TextValue): string {
  if (typeof value === 'string') return value;
  if (isRedacted(value)) return `[${redactionLabel(value.reason)}]`;
  return value.parts
    .map((p) => (typeof p === 'string' ? p : `[${redactionLabel(p.reason)}]`))
    .join('');
}

/** The pieces of a value in order: plain strings and redaction markers. */
export function pieces(value: TextValue): readonly (string | Redacted)[] {
  if (typeof value === 'string' || isRedacted(value)) return [value];
  return value.parts;
}

/** True when nothing is there to show (absent, or only spaces). Redactions always show. */
export function isBlank(value: TextValue | undefined): boolean {
  return value === undefined || (typeof value === 'string' && value.trim().length === 0);
}
