import type { Hex, StoredLogEntry } from '../types';
import type { VaultHeaderV2 } from '../vault-header';
import type { VaultKeysV2 } from '../vault-keys';
import { type Checkpoint, signCheckpoint } from './checkpoint';
import { sealLogEntryV2 } from './log-chain';
import type { LogEntryV2, LogOp } from './log-entry';

/**
 * The end of this device's chain, and how the next entry is made: sealed, chained, signed by
 * the device, with the identity's checkpoint over it. The vault commits both with the change
 * the entry records, then calls `advance`.
 */
export class LogWriter {
  #nextSeq: number;
  #prev: Hex;

  constructor(head: { nextSeq: number; prev: Hex }) {
    this.#nextSeq = head.nextSeq;
    this.#prev = head.prev;
  }

  get nextSeq(): number {
    return this.#nextSeq;
  }

  /** The newest entry written: its number and hash. */
  get tip(): { seq: number; h: Hex } {
    return { seq: this.#nextSeq - 1, h: this.#prev };
  }

  async next(
    header: VaultHeaderV2,
    keys: VaultKeysV2,
    fields: {
      op: LogOp;
      kind: string;
      id: string;
      rev: number;
      sha256: Hex;
      time: string;
      detail?: LogEntryV2['detail'];
    },
  ): Promise<{ stored: StoredLogEntry; checkpoint: Checkpoint }> {
    const device = header.device;
    const entry: LogEntryV2 = {
      v: 2,
      device: device.id,
      seq: this.#nextSeq,
      prev: this.#prev,
      time: fields.time,
      op: fields.op,
      kind: fields.kind,
      id: fields.id,
      rev: fields.rev,
      sha256: fields.sha256,
      ...(fields.detail !== undefined && { detail: fields.detail }),
    };
    // The device's certificate rides on the first entry of its chain.
    const first = fields.op === 'open-case' || fields.op === 'open-device';
    const stored = await sealLogEntryV2(
      keys.ck,
      keys.deviceKey,
      entry,
      first ? device.cert : undefined,
    );
    const checkpoint = await signCheckpoint(keys.signingKey, {
      case: header.caseId,
      device: device.id,
      seq: entry.seq,
      h: stored.h,
      time: entry.time,
    });
    return { stored, checkpoint };
  }

  /**
   * Entries for several changes committed together: each sealed, chained and signed by the
   * device as `next` would, but one checkpoint over the last (the checkpoint only says where
   * the history ends). Nothing advances until `advance(last)` after the commit.
   */
  async nextMany(
    header: VaultHeaderV2,
    keys: VaultKeysV2,
    many: readonly Omit<Parameters<LogWriter['next']>[2], 'detail'>[],
  ): Promise<{ stored: StoredLogEntry[]; checkpoint: Checkpoint }> {
    if (many.length === 0) throw new RangeError('nextMany needs at least one entry');
    const device = header.device;
    const stored: StoredLogEntry[] = [];
    let seq = this.#nextSeq;
    let prev = this.#prev;
    for (const fields of many) {
      if (fields.op === 'open-case' || fields.op === 'open-device')
        throw new RangeError('A chain is opened by next, never in a batch');
      const entry: LogEntryV2 = {
        v: 2,
        device: device.id,
        seq,
        prev,
        time: fields.time,
        op: fields.op,
        kind: fields.kind,
        id: fields.id,
        rev: fields.rev,
        sha256: fields.sha256,
      };
      const one = await sealLogEntryV2(keys.ck, keys.deviceKey, entry);
      stored.push(one);
      seq += 1;
      prev = one.h;
    }
    const last = stored[stored.length - 1] as StoredLogEntry;
    const checkpoint = await signCheckpoint(keys.signingKey, {
      case: header.caseId,
      device: device.id,
      seq: last.seq,
      h: last.h,
      time: many[many.length - 1]?.time ?? '',
    });
    return { stored, checkpoint };
  }

  /** After the commit that wrote `stored` succeeded. */
  advance(stored: StoredLogEntry): void {
    this.#nextSeq = stored.seq + 1;
    this.#prev = stored.h;
  }
}
