/**
 * The server's countersignature on a device's head: Ed25519 over the canonical JSON of the
 * fields, under a domain string so it can never be taken for any other signature.
 */
import { type KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from '@casebook/core';
import type { Countersigned } from './schemas';

export type CountersignFields = Omit<Countersigned, 'sig'>;

export function countersign(fields: CountersignFields, serverKey: KeyObject): string {
  return sign(null, Buffer.from(canonicalJson(fields), 'utf8'), serverKey).toString('base64url');
}

export function countersignatureHolds(value: Countersigned, serverPublicKey: KeyObject): boolean {
  const { sig, ...fields } = value;
  const bytes = Buffer.from(sig, 'base64url');
  if (bytes.length !== 64) return false;
  return verify(null, Buffer.from(canonicalJson(fields), 'utf8'), serverPublicKey, bytes);
}
