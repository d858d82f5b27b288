import { z } from 'zod';
import type { RecordKind } from './types';

/** What one revision of a record holds, inside its envelope. */
export const RevisionPayloadSchema = z.discriminatedUnion('deleted', [
  z.object({ at: z.string(), deleted: z.literal(false), body: z.unknown() }),
  z.object({ at: z.string(), deleted: z.literal(true), reason: z.string() }),
]);
export type RevisionPayload = z.infer<typeof RevisionPayloadSchema>;

/** One revision of a record, decrypted: a live body or a tombstone with its reason. */
export type RecordState =
  | {
      readonly kind: RecordKind;
      readonly id: string;
      readonly rev: number;
      readonly at: string;
      readonly deleted: false;
      readonly body: unknown;
    }
  | {
      readonly kind: RecordKind;
      readonly id: string;
      readonly rev: number;
      readonly at: string;
      readonly deleted: true;
      readonly reason: string;
    };

export function toRecordState(
  kind: RecordKind,
  id: string,
  rev: number,
  payload: RevisionPayload,
): RecordState {
  return payload.deleted
    ? { kind, id, rev, at: payload.at, deleted: true, reason: payload.reason }
    : { kind, id, rev, at: payload.at, deleted: false, body: payload.body };
}
