import { z } from 'zod';
import type { Random } from './ports';

/** Ids are 16 random bytes as unpadded base64url: always 22 characters. */
const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const ID_BYTES = 16;
const ID_MESSAGE = 'This is not a valid Casebook id (22 letters, digits, "-" or "_").';

function idSchema<B extends string>() {
  return z.string().regex(ID_PATTERN, ID_MESSAGE).brand<B>();
}

export const IncidentIdSchema = idSchema<'IncidentId'>();
export const PersonIdSchema = idSchema<'PersonId'>();
export const CallIdSchema = idSchema<'CallId'>();
export const ItemIdSchema = idSchema<'ItemId'>();
export const EvidenceIdSchema = idSchema<'EvidenceId'>();
export const BlobIdSchema = idSchema<'BlobId'>();
/** An imported message or call (a record of its own, one per message). */
export const ImportedIdSchema = idSchema<'ImportedId'>();

export type IncidentId = z.infer<typeof IncidentIdSchema>;
export type PersonId = z.infer<typeof PersonIdSchema>;
export type CallId = z.infer<typeof CallIdSchema>;
export type ItemId = z.infer<typeof ItemIdSchema>;
export type EvidenceId = z.infer<typeof EvidenceIdSchema>;
export type BlobId = z.infer<typeof BlobIdSchema>;
export type ImportedId = z.infer<typeof ImportedIdSchema>;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Unpadded base64url (RFC 4648 §5) of some bytes. */
export function base64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63];
    out += ALPHABET[(n >> 12) & 63];
    out += ALPHABET[(n >> 6) & 63];
    out += ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    out += `${ALPHABET[(n >> 18) & 63]}${ALPHABET[(n >> 12) & 63]}`;
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += `${ALPHABET[(n >> 18) & 63]}${ALPHABET[(n >> 12) & 63]}${ALPHABET[(n >> 6) & 63]}`;
  }
  return out;
}

/**
 * A fresh id of the kind `schema` describes, from 16 bytes of `random`.
 * @example const id = newId(IncidentIdSchema, random); // IncidentId
 */
export function newId<S extends z.ZodType<string, string>>(schema: S, random: Random): z.output<S> {
  const bytes = random.bytes(ID_BYTES);
  if (bytes.length !== ID_BYTES) {
    throw new RangeError(`Random port returned ${bytes.length} bytes, expected ${ID_BYTES}`);
  }
  return schema.parse(base64url(bytes));
}
