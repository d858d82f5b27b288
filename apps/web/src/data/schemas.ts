import { migrate } from '@casebook/core';
import type { RecordKind } from './record-types';

/**
 * Zod at the boundary: every body read from or written to the vault goes through core's
 * migrate-and-validate for its kind. The reason is a readable line per problem.
 */
export function parseBody(
  kind: RecordKind,
  body: unknown,
): { ok: true; value: unknown } | { ok: false; message: string } {
  const result = migrate(kind, body);
  return result.ok ? { ok: true, value: result.value } : { ok: false, message: result.reason };
}
