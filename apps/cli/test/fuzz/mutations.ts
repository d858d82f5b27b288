/**
 * The fuzz's mutations of a seed backup. Each returns the mutated bytes and what kind of change
 * it was; byte-level ones leave the END checksum as it is (the damage a disk does), the
 * structured ones re-forge it for v1 (what a careful forger does).
 */
import {
  cutNewestHistory,
  dropFrame,
  duplicateFrame,
  editJsonFrame,
  FRAME,
  flipBit,
  headerIndex,
  type ParsedBackup,
  type RevisionRef,
  readJsonFrame,
  reforge,
  reforgeChecksum,
  serialiseBackup,
  swapFrames,
} from '../support/backup-frames';
import type { Rng } from './prng';

export interface Seed {
  readonly name: string;
  readonly passphrase: string;
  readonly bytes: Uint8Array;
  readonly parsed: ParsedBackup;
  /** One log entry per revision, newest last (the log bodies are encrypted). */
  readonly history: readonly RevisionRef[];
}

export type MutationKind =
  | 'none'
  | 'byte-flip'
  | 'truncate'
  | 'trailing-bytes'
  | 'frame-drop'
  | 'frame-duplicate'
  | 'frame-swap'
  | 'frame-bit-flip'
  | 'json-edit'
  | 'kdf-edit'
  | 'cut-history'
  | 'several';

export interface Mutation {
  readonly kind: MutationKind;
  readonly detail: string;
  readonly bytes: Uint8Array;
  /** The newest history was cut (alone or with other changes). */
  readonly cut: boolean;
}

const HOSTILE_VALUES: readonly unknown[] = [
  0,
  -1,
  1,
  2,
  1.5,
  -0.5,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32 - 1,
  2 ** 32,
  2 ** 53,
  1e308,
  '',
  'x',
  '0',
  'AAAA',
  'A'.repeat(300),
  null,
  true,
  [],
  {},
];
const KDF_VALUES: readonly unknown[] = [
  0,
  -1,
  1,
  3,
  8,
  9,
  333,
  2.5,
  2 ** 31 - 1,
  2 ** 32 - 1,
  2 * 1024 ** 3,
  6.7e9,
  640 * 1024 ** 2,
  19 * 1024 * 1024 - 1,
  19 * 1024 * 1024 + 0.5,
  '2',
  null,
];

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value))
    return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))].filter((p) => p.length);
  if (value && typeof value === 'object')
    return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))].filter(
      (p) => p.length,
    );
  return [prefix];
}

function setAt(
  root: unknown,
  path: Path,
  change: (parent: Record<string | number, unknown>, key: string | number) => void,
) {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  change(node, path.at(-1) as string | number);
}

function jsonEdit(backup: ParsedBackup, r: Rng): { backup: ParsedBackup; detail: string } {
  const indexes = backup.frames.flatMap((f, i) =>
    f.type !== FRAME.chunk && readJsonFrame(backup, i) !== undefined ? [i] : [],
  );
  const index = r.pick(indexes);
  const value = readJsonFrame(backup, index);
  const targets = paths(value);
  if (targets.length === 0) return { backup, detail: `frame ${index}: nothing to edit` };
  const path = r.pick(targets);
  const action = r.int(10);
  let detail = `frame ${index} ${path.join('.')}`;
  const edited = editJsonFrame(backup, index, (v) => {
    setAt(v, path, (parent, key) => {
      if (action === 0 && !Array.isArray(parent)) {
        delete parent[key];
        detail += ' deleted';
      } else if (action === 1 && !Array.isArray(parent)) {
        parent.extra = r.pick(HOSTILE_VALUES);
        detail += ' sibling key added';
      } else {
        const next = r.pick(HOSTILE_VALUES);
        parent[key] = next;
        detail += ` = ${JSON.stringify(next)?.slice(0, 20)}`;
      }
    });
  });
  return { backup: edited, detail };
}

function kdfEdit(backup: ParsedBackup, r: Rng): { backup: ParsedBackup; detail: string } {
  const slot = r.pick(['passphrase', 'recovery']);
  const field = r.pick(['opslimit', 'memlimit', 'salt', 'alg']);
  const value =
    field === 'salt'
      ? Buffer.alloc(r.pick([0, 8, 15, 16, 17, 32]), r.int(256)).toString('base64')
      : r.pick(KDF_VALUES);
  const edited = editJsonFrame(backup, headerIndex(backup), (h) => {
    const kdf = (h as Record<string, { kdf?: Record<string, unknown> } | undefined>)[slot]?.kdf;
    if (!kdf) throw new Error(`the header has no ${slot} slot`);
    kdf[field] = value;
  });
  return { backup: edited, detail: `${slot}.kdf.${field} = ${JSON.stringify(value)}` };
}

/** One structured change of the frames (not yet re-forged). */
function structured(seed: Seed, backup: ParsedBackup, r: Rng, kind: MutationKind) {
  const n = backup.frames.length;
  switch (kind) {
    case 'frame-drop': {
      const i = r.int(n);
      return { backup: dropFrame(backup, i), detail: `frame ${i} dropped` };
    }
    case 'frame-duplicate': {
      const i = r.int(n);
      return { backup: duplicateFrame(backup, i), detail: `frame ${i} twice` };
    }
    case 'frame-swap': {
      const [i, j] = [r.int(n), r.int(n)];
      return { backup: swapFrames(backup, i, j), detail: `frames ${i} and ${j} swapped` };
    }
    case 'frame-bit-flip': {
      const candidates = backup.frames.flatMap((f, i) => (f.payload.length > 0 ? [i] : []));
      const i = r.pick(candidates);
      const byte = r.int((backup.frames[i] as { payload: Uint8Array }).payload.length);
      const bit = r.int(8);
      return {
        backup: flipBit(backup, i, byte, bit),
        detail: `frame ${i} byte ${byte} bit ${bit}`,
      };
    }
    case 'json-edit':
      return jsonEdit(backup, r);
    case 'kdf-edit':
      return kdfEdit(backup, r);
    default: {
      const k = 1 + r.int(seed.history.length);
      return {
        backup: cutNewestHistory(backup, k, seed.history.slice(-k)),
        detail: `newest ${k} cut`,
      };
    }
  }
}

const STRUCTURED: readonly MutationKind[] = [
  'frame-drop',
  'frame-duplicate',
  'frame-swap',
  'frame-bit-flip',
  'json-edit',
  'kdf-edit',
  'cut-history',
];

/** The case's mutation of a seed, decided by the PRNG alone (so it can be replayed). */
export function mutate(seed: Seed, r: Rng): Mutation {
  const roll = r.int(100);
  const bytes = seed.bytes;
  if (roll < 2) {
    // A positive control: written back unchanged, it must verify.
    return {
      kind: 'none',
      detail: 'written back as it was',
      bytes: serialiseBackup(reforge(seed.parsed)),
      cut: false,
    };
  }
  if (roll < 16) {
    const out = Uint8Array.from(bytes);
    const at = r.int(out.length);
    const bit = r.int(8);
    out[at] = (out[at] as number) ^ (1 << bit);
    return { kind: 'byte-flip', detail: `byte ${at} bit ${bit}`, bytes: out, cut: false };
  }
  if (roll < 24) {
    const length = r.int(bytes.length);
    return {
      kind: 'truncate',
      detail: `cut to ${length} bytes`,
      bytes: bytes.slice(0, length),
      cut: false,
    };
  }
  if (roll < 30) {
    const extra = Uint8Array.from({ length: 1 + r.int(32) }, () => r.int(256));
    const out = new Uint8Array(bytes.length + extra.length);
    out.set(bytes);
    out.set(extra, bytes.length);
    return {
      kind: 'trailing-bytes',
      detail: `${extra.length} bytes added`,
      bytes: out,
      cut: false,
    };
  }
  const several = roll >= 90;
  const kinds = several
    ? // Never a cut among several: a v1 cut alone is the one known limitation, and is excused.
      Array.from({ length: 2 + r.int(2) }, () =>
        r.pick(STRUCTURED.filter((k) => k !== 'cut-history')),
      )
    : [r.pick(STRUCTURED)];
  let backup = seed.parsed;
  const details: string[] = [];
  for (const kind of kinds) {
    try {
      const step = structured(seed, backup, r, kind);
      backup = step.backup;
      details.push(step.detail);
    } catch {
      // An earlier step left nothing this one applies to (no header to edit, say).
      details.push(`${kind} skipped`);
    }
  }
  // A careful forger puts the counts right too; sometimes leave them, to test that check.
  backup = r.chance(0.8) ? reforge(backup) : reforgeChecksum(backup);
  const cut = kinds.includes('cut-history');
  return {
    kind: several ? 'several' : (kinds[0] as MutationKind),
    detail: details.join('; '),
    bytes: serialiseBackup(backup),
    cut,
  };
}
