import { canonicalJson } from '@casebook/core';
import type { CaseSnapshot } from './snapshot-types';

export const ACCOUNT_SCHEMA = 'casebook-account';
export const ACCOUNT_VERSION = 2;

/**
 * Everything in the snapshot as canonical JSON (sorted keys, no whitespace), under
 * `schema: "casebook-account"`, `version: 2`. See packages/report/JSON-SCHEMA.md. `messages`
 * (imported messages) is in the snapshot when the case was read with them, redacted with the
 * rest of the copy. There is no second argument: messages given beside the snapshot would
 * skip redaction (found by the review).
 */
export function accountJson(snapshot: CaseSnapshot): string {
  return canonicalJson({
    schema: ACCOUNT_SCHEMA,
    version: ACCOUNT_VERSION,
    ...snapshot,
  });
}
