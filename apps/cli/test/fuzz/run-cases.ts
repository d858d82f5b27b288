/**
 * The body of the fuzz: each case picks a seed and a mutation from a PRNG seeded with
 * (seed, case number), writes the mutated backup and runs `main(['verify', file])` on it, as
 * `casebook verify` would. Results go to the test thread one by one (fuzz.test.ts judges).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { main } from '../../src/main';
import {
  type ParsedBackup,
  parseBackup,
  type RevisionRef,
  sameContent,
} from '../support/backup-frames';
import { type MutationKind, mutate, type Seed } from './mutations';
import { rng } from './prng';

export interface CaseStart {
  readonly type: 'start';
  readonly i: number;
  readonly seed: string;
  readonly kind: MutationKind;
  readonly detail: string;
}

export interface CaseResult {
  readonly type: 'result';
  readonly i: number;
  readonly seed: string;
  readonly version: number;
  readonly kind: MutationKind;
  readonly detail: string;
  readonly cut: boolean;
  /** The mutation changed what the vault reads and checks (see `sameContent`). */
  readonly changed: boolean;
  /** Something changed, counting the header fields v1 does not authenticate. */
  readonly changedUnauthenticated: boolean;
  readonly trailing: boolean;
  /** main()'s exit code, or 'threw' when main() itself threw (it never should). */
  readonly code: number | 'threw';
  readonly out: string;
  readonly err: string;
  readonly ms: number;
}

export type FuzzMessage = CaseStart | CaseResult | { readonly type: 'done'; readonly next: number };

export interface FuzzPlan {
  readonly seed: number;
  readonly from: number;
  readonly maxCases: number;
  /** Date.now() after which no new case starts. */
  readonly deadline: number;
  readonly dir: string;
}

const CORPUS = new URL('../fuzz-corpus/', import.meta.url);

export async function loadCorpus(): Promise<Seed[]> {
  const index = JSON.parse(await readFile(new URL('corpus.json', CORPUS), 'utf8')) as {
    seeds: { file: string; passphrase: string; history: RevisionRef[] }[];
  };
  return Promise.all(
    index.seeds.map(async (s) => {
      const bytes = new Uint8Array(await readFile(new URL(s.file, CORPUS)));
      const name = s.file.split('/').at(-1) as string;
      return {
        name,
        passphrase: s.passphrase,
        history: s.history,
        bytes,
        parsed: parseBackup(bytes),
      };
    }),
  );
}

/**
 * Argon2id is a pure function of its inputs, so the fuzz remembers each key it derived: the
 * same seed's passphrase and salt are derived once, not in every case (at the floor it is
 * 60 ms, which would allow only ~1,000 cases a minute). Every new input is still derived for
 * real, hostile ones included (hostile-kdf.test.ts runs them without this).
 */
async function rememberDerivedKeys(): Promise<void> {
  await sodium.ready;
  const derive = sodium.crypto_pwhash.bind(sodium) as (...args: unknown[]) => Uint8Array;
  const known = new Map<string, Uint8Array>();
  const text = (v: unknown) =>
    v instanceof Uint8Array ? Buffer.from(v).toString('hex') : JSON.stringify(v);
  (sodium as unknown as { crypto_pwhash: (...args: unknown[]) => Uint8Array }).crypto_pwhash = (
    ...args
  ) => {
    const key = args.map(text).join('|');
    let value = known.get(key);
    if (!value) {
      value = derive(...args);
      known.set(key, value.slice());
    }
    // A copy each time: the vault zeroes the key once it has used it.
    return value.slice();
  };
}

/**
 * Header fields that nothing in v1 authenticates when a casebook is opened with its
 * passphrase: the id and date it shows, and the recovery slot (which only the recovery code
 * could check). Changing them is not a change of authenticated content; the fuzz counts and
 * prints how often such a change passed, so the gap stays visible (v2 signs the header).
 */
export const V1_UNAUTHENTICATED_HEADER = ['vaultId', 'createdAt', 'recovery'] as const;

function changedContent(original: ParsedBackup, bytes: Uint8Array) {
  try {
    const parsed = parseBackup(bytes);
    const ignore = original.version === 1 ? V1_UNAUTHENTICATED_HEADER : [];
    return {
      changed: !sameContent(original, parsed, { ignoreHeaderFields: ignore }),
      changedUnauthenticated: !sameContent(original, parsed),
      trailing: parsed.trailing !== undefined,
    };
  } catch {
    return { changed: true, changedUnauthenticated: true, trailing: false };
  }
}

export async function runCases(plan: FuzzPlan, post: (m: FuzzMessage) => void): Promise<void> {
  await rememberDerivedKeys();
  const seeds = await loadCorpus();
  process.env.CASEBOOK_DEBUG = '1'; // so an exception caught by main's last resort is visible
  let i = plan.from;
  for (; i < plan.maxCases && Date.now() < plan.deadline; i++) {
    const r = rng(plan.seed, i);
    const seed = r.pick(seeds);
    const mutation = mutate(seed, r);
    const { kind, detail, cut } = mutation;
    post({ type: 'start', i, seed: seed.name, kind, detail });
    const path = join(plan.dir, `case-${i}.casebook`);
    await writeFile(path, mutation.bytes);
    process.env.CASEBOOK_PASSPHRASE = seed.passphrase;
    const lines = { out: [] as string[], err: [] as string[] };
    const start = performance.now();
    let code: number | 'threw';
    try {
      code = await main(['verify', path], {
        out: (l) => lines.out.push(l),
        err: (l) => lines.err.push(l),
      });
    } catch (error) {
      code = 'threw';
      lines.err.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    const ms = performance.now() - start;
    await rm(path, { force: true });
    post({
      type: 'result',
      i,
      seed: seed.name,
      version: seed.parsed.version,
      kind,
      detail,
      cut,
      ...changedContent(seed.parsed, mutation.bytes),
      code,
      out: lines.out.join('\n'),
      err: lines.err.join('\n'),
      ms,
    });
  }
  post({ type: 'done', next: i });
}
