import { z } from 'zod';
import { BlobIdSchema, EvidenceIdSchema, IncidentIdSchema } from '../ids';
import { CoordinatesSchema } from './coordinates';
import { list, longText, shortText } from './text';
import { InstantSchema, UtcOffsetSchema } from './zoned-time';

export const EVIDENCE_ITEM_SCHEMA_VERSION: 1 = 1;

/** How an item came into Casebook. Ids are stable. */
export const EVIDENCE_SOURCE_IDS = [
  'upload',
  'camera',
  'microphone',
  'share',
  'import',
  'other',
] as const;
export const EvidenceSourceSchema = z.enum(EVIDENCE_SOURCE_IDS, {
  error: 'Choose how this item came in.',
});
export type EvidenceSource = z.infer<typeof EvidenceSourceSchema>;

/** Where a "taken at" time was read from. Ids are stable. */
export const TIME_SOURCE_IDS = [
  'exif',
  'video-container',
  'audio-container',
  'filename',
  'other',
] as const;

/** Metadata read out of the file at intake; shown, never trusted blindly. */
export const ExtractedMetadataSchema = z.strictObject({
  takenAt: z
    .strictObject({
      /** Exactly as found, e.g. EXIF `2025:03:03 14:05:09`. */
      raw: shortText,
      offset: UtcOffsetSchema.optional(),
      source: z.enum(TIME_SOURCE_IDS),
    })
    .optional(),
  gps: CoordinatesSchema.optional(),
  device: shortText.optional(),
});

/** Exhibit references as officers write them: initials, a slash, a number (`AB/3`). */
export const ExhibitRefSchema = z
  .string()
  .regex(/^[A-Z]{1,4}\/[1-9]\d{0,5}$/, 'Write the exhibit reference like AB/3.');

/** Metadata of one evidence item. The bytes live encrypted in the vault under `blobId`. */
export const EvidenceItemSchema = z.strictObject({
  schema: z.literal(EVIDENCE_ITEM_SCHEMA_VERSION),
  id: EvidenceIdSchema,
  blobId: BlobIdSchema,
  /** SHA-256 of the original bytes, taken at intake, lower-case hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'A SHA-256 is 64 lower-case hex characters.'),
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  mediaType: z
    .string()
    .regex(/^[\w.+-]+\/[\w.+-]+$/, 'Media type must look like image/jpeg.')
    .max(255),
  originalName: shortText,
  /** The file's own modified time, as the device reported it. */
  lastModified: InstantSchema.optional(),
  intakeAt: InstantSchema,
  source: EvidenceSourceSchema,
  description: longText.optional(),
  exhibitRef: ExhibitRefSchema.optional(),
  incidents: list(IncidentIdSchema, 10_000),
  extracted: ExtractedMetadataSchema.optional(),
});

/** An evidence item before its file is stored: what the demo builder and importers plan. */
export const EvidenceDraftSchema = EvidenceItemSchema.omit({
  blobId: true,
  sha256: true,
  size: true,
});

export type ExtractedMetadata = z.infer<typeof ExtractedMetadataSchema>;
export type EvidenceItem = z.infer<typeof EvidenceItemSchema>;
export type EvidenceDraft = z.infer<typeof EvidenceDraftSchema>;
