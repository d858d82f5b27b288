import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { canonicalJson } from '@casebook/core';
import { describe, expect, it } from 'vitest';
import { FRAME } from './backup/backup-format';
import { writeBackup } from './backup/write-backup';
import { entryHashV2 } from './log/log-chain';
import { GENESIS_PREV } from './log/log-entry';
import { entryHashV1 } from './log/log-v1';
import { envelopeOf, logOf, splitBackup } from './testing/backup-frames';
import { bytesOf, collect, newTestVault, patternBytes } from './testing/test-vault';
import type { Base64, Envelope, Hex } from './types';

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Everything an attacker holding a backup and a candidate file can compute and look for: the
 * file's SHA-256, and every log-entry hash the file's 'add-file' entry could have under v1's or
 * v2's rules (over the plaintext entry), for every entry number, every stored predecessor hash,
 * every device and blob id seen in the clear, and every minute in a window of times.
 */
async function attackerCandidates(
  backup: Uint8Array,
  file: Uint8Array,
  window: { from: number; minutes: number },
): Promise<Set<string>> {
  const { frames } = splitBackup(backup);
  const logs = frames.filter((f) => f.type === FRAME.log).map(logOf);
  const envelopes = frames.filter((f) => f.type === FRAME.envelope).map(envelopeOf);
  const blobIds = [...new Set(envelopes.filter((e) => e.kind === 'blob').map((e) => e.id))];
  const devices = [...new Set(logs.flatMap((l) => (l.device ? [l.device] : [])))];
  const prevs: Hex[] = [GENESIS_PREV, ...logs.map((l) => l.h)];
  const fileHash = sha256Hex(file);
  const out = new Set<string>([fileHash]);
  for (let seq = 0; seq <= logs.length; seq++) {
    for (const prev of prevs) {
      for (let m = 0; m <= window.minutes; m++) {
        const time = new Date(window.from + m * 60_000).toISOString();
        for (const id of blobIds) {
          const v1 = {
            seq,
            prev,
            time,
            op: 'add-file' as const,
            kind: 'blob',
            id,
            rev: 1,
            sha256: fileHash,
          };
          out.add(await entryHashV1(v1));
          for (const device of devices) {
            // v2's hash is over the ciphertext; try the plaintext form too, as an attacker would.
            const plain = { v: 2, device, ...v1 };
            out.add(sha256Hex(new TextEncoder().encode(`casebook-log-v2${canonicalJson(plain)}`)));
            const fake: Envelope = {
              v: 1,
              kind: 'log',
              id: device,
              rev: seq,
              nonce: '' as Base64,
              ct: '' as Base64,
            };
            out.add(await entryHashV2({ device, seq, prev, env: fake }));
          }
        }
      }
    }
  }
  return out;
}

/** Looks for each candidate in the backup as hex text, base64 and raw bytes. */
function found(backup: Uint8Array, candidates: Set<string>): string[] {
  const text = Buffer.from(backup).toString('latin1');
  const hits: string[] = [];
  for (const hex of candidates) {
    const raw = Buffer.from(hex, 'hex');
    if (
      text.includes(hex) ||
      text.includes(raw.toString('base64').slice(0, 40)) ||
      Buffer.from(backup).includes(raw)
    ) {
      hits.push(hex);
    }
  }
  return hits;
}

describe('nothing stored can be computed from a known file', () => {
  it('finds none of the attacker’s values in a v2 backup', async () => {
    const start = Date.UTC(2026, 2, 3, 14, 2);
    const { vault, store } = await newTestVault();
    const photo = patternBytes(5000, 77);
    await vault.put('incident', 'a', { whatHappened: 'Photo of the car' });
    await vault.addFile(bytesOf(photo), { chunkSize: 1024 });
    await vault.put('incident', 'a', { whatHappened: 'Photo of the car, taken at 8pm' });
    const backup = await collect(writeBackup(store));
    const candidates = await attackerCandidates(backup, photo, { from: start, minutes: 30 });
    expect(candidates.size).toBeGreaterThan(1000);
    expect(found(backup, candidates)).toEqual([]);
  });

  it('positive control: the same search finds the file in a v1 backup', async () => {
    const golden = new URL('../test/golden/', import.meta.url);
    const expected = JSON.parse(await readFile(new URL('vault-v1.json', golden), 'utf8'));
    const backup = new Uint8Array(await readFile(new URL('vault-v1.casebook', golden)));
    const file = new TextEncoder().encode(expected.file.text.repeat(expected.file.repeat));
    const candidates = await attackerCandidates(backup, file, {
      from: Date.UTC(2026, 2, 3, 14, 0),
      minutes: 30,
    });
    // The v1 'add-file' entry's h is stored in the clear and computable: the file is confirmed.
    expect(found(backup, candidates).length).toBeGreaterThan(0);
  });
});
