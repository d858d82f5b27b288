/**
 * For tests only: a second device of one casebook, writing its own chain as a linked device
 * would (its key certified by the casebook identity, an `open-device` first entry, record
 * revisions sealed under the case key), with no store of its own: a quick way to make exactly
 * the changes a test needs. For a whole second casebook use `sync/new-device.ts`.
 */
import { base64url } from '@casebook/core';
import { sha256, toBase64, toHex } from '../encoding';
import { sealEnvelope } from '../envelope';
import { certifyDevice } from '../log/device-cert';
import { sealLogEntryV2 } from '../log/log-chain';
import { GENESIS_PREV, type LogOp } from '../log/log-entry';
import type { RevisionPayload } from '../revision';
import { getSodium } from '../sodium';
import type { SyncChange } from '../sync/sync-change';
import type { DeviceCert, Hex } from '../types';
import type { VaultInternals } from '../vault-internals';

export interface SecondDevice {
  readonly id: string;
  /** Every change it made, in order, as it would push them. */
  readonly changes: SyncChange[];
  put(kind: string, id: string, rev: number, body: unknown): Promise<void>;
  remove(kind: string, id: string, rev: number, reason: string): Promise<void>;
  /** Logs a file as added: its entry and manifest (`blobId`: 22 base64url characters), no chunks. */
  addFileEntry(blobId: string): Promise<void>;
  /** Logs a file as purged (its tombstone at `rev`), as `purgeFile` writes it. */
  purgeFileEntry(blobId: string, rev: number, reason: string): Promise<void>;
}

export async function secondDevice(
  of: VaultInternals,
  options: { certifiedBy?: Uint8Array } = {},
): Promise<SecondDevice> {
  const sodium = await getSodium();
  const pair = sodium.crypto_sign_keypair();
  const id = base64url(sodium.randombytes_buf(16));
  const ck = of.keys.ck;
  const cert: DeviceCert = await certifyDevice(options.certifiedBy ?? of.keys.signingKey, {
    case: of.header.caseId,
    device: id,
    publicKey: toBase64(pair.publicKey),
    time: '2026-03-03T15:00:00.000Z',
  });
  let seq = 0;
  let prev: Hex = GENESIS_PREV;
  let minute = 0;
  const changes: SyncChange[] = [];
  const entry = async (
    op: LogOp,
    kind: string,
    recordId: string,
    rev: number,
    digest: Hex,
    records: SyncChange['records'],
  ) => {
    const stored = await sealLogEntryV2(
      ck,
      pair.privateKey,
      {
        v: 2,
        device: id,
        seq,
        prev,
        time: new Date(Date.UTC(2026, 2, 3, 15, minute++)).toISOString(),
        op,
        kind,
        id: recordId,
        rev,
        sha256: digest,
      },
      seq === 0 ? cert : undefined,
    );
    changes.push({ v: 1, log: stored, records });
    seq += 1;
    prev = stored.h;
  };
  const write = async (kind: string, recordId: string, rev: number, payload: RevisionPayload) => {
    const { envelope, canonical } = await sealEnvelope(ck, kind, recordId, rev, payload);
    const op: LogOp = payload.deleted ? 'delete' : rev === 1 ? 'create' : 'update';
    await entry(op, kind, recordId, rev, toHex(await sha256(canonical)), [envelope]);
  };
  await entry('open-device', 'device', id, 1, toHex(await sha256(pair.publicKey)), []);
  return {
    id,
    changes,
    put: (kind, recordId, rev, body) =>
      write(kind, recordId, rev, { at: new Date().toISOString(), deleted: false, body }),
    remove: (kind, recordId, rev, reason) =>
      write(kind, recordId, rev, { at: new Date().toISOString(), deleted: true, reason }),
    addFileEntry: async (blobId) => {
      // A manifest as a real device sends it, for a file whose chunks no server holds.
      const digest = toHex(await sha256(new TextEncoder().encode(blobId)));
      const { envelope } = await sealEnvelope(ck, 'blob', blobId, 1, {
        at: new Date().toISOString(),
        deleted: false,
        body: { blobId, dek: '', header: '', sha256: digest, size: 1, chunkSize: 1, chunkCount: 1 },
      });
      await entry('add-file', 'blob', blobId, 1, digest, [envelope]);
    },
    purgeFileEntry: async (blobId, rev, reason) => {
      const { envelope, canonical } = await sealEnvelope(ck, 'blob', blobId, rev, {
        at: new Date().toISOString(),
        deleted: true,
        reason,
      });
      await entry('purge-file', 'blob', blobId, rev, toHex(await sha256(canonical)), [envelope]);
    },
  };
}
