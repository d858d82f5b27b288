import { z } from 'zod';
import { EvidenceIdSchema, ImportedIdSchema, PersonIdSchema } from '../ids';
import { ImportedCallSchema, ImportedMessageSchema } from './message';
import { shortText } from './text';

export const IMPORTED_MESSAGE_RECORD_SCHEMA_VERSION: 1 = 1;
export const IMPORTED_CALL_RECORD_SCHEMA_VERSION: 1 = 1;

/**
 * The export file a message or call was read from. That file is kept first, as an exhibit
 * (original bytes, SHA-256); the message's own `source` says where in it the message is.
 */
export const SourceExhibitSchema = z.strictObject({
  evidenceId: EvidenceIdSchema,
  exhibitRef: shortText.optional(),
});
export type SourceExhibit = z.infer<typeof SourceExhibitSchema>;

/**
 * Who sent it, as the person said when importing: `responsible` when the sender is the person
 * responsible for the harassment (counted in the pattern), `self` for the person's own
 * messages, `other` for anyone else and for system lines. Kept with the record so the count
 * does not depend on matching names again later.
 */
export const ImportedFromSchema = z.enum(['responsible', 'self', 'other']);
export type ImportedFrom = z.infer<typeof ImportedFromSchema>;

/** One imported message as stored: the parsed message exactly as read, and where it came from. */
export const ImportedMessageRecordSchema = z.strictObject({
  schema: z.literal(IMPORTED_MESSAGE_RECORD_SCHEMA_VERSION),
  id: ImportedIdSchema,
  exhibit: SourceExhibitSchema,
  from: ImportedFromSchema,
  /** The person record of the person responsible, when the person linked one. */
  personId: PersonIdSchema.optional(),
  message: ImportedMessageSchema,
});
export type ImportedMessageRecord = z.infer<typeof ImportedMessageRecordSchema>;

/** One imported call as stored: part of the call log beside the calls written in by hand. */
export const ImportedCallRecordSchema = z.strictObject({
  schema: z.literal(IMPORTED_CALL_RECORD_SCHEMA_VERSION),
  id: ImportedIdSchema,
  exhibit: SourceExhibitSchema,
  from: ImportedFromSchema,
  personId: PersonIdSchema.optional(),
  call: ImportedCallSchema,
});
export type ImportedCallRecord = z.infer<typeof ImportedCallRecordSchema>;
