import { TextReader, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import { evidenceNames, isSafeBundlePath } from './bundle-paths';
import {
  type BundleTextFacts,
  EVIDENCE_FOLDER,
  INDEX_PATH,
  README_PATH,
  readmeText,
  SIDECAR_FOLDER,
  VERIFY_PATH,
  verifyText,
} from './bundle-texts';
import { publicKeyPem } from './ed25519-key';
import { EvidenceRefusal, hashedSource } from './hashed-source';
import { keyFingerprint } from './key-fingerprint';
import {
  formatManifest,
  MANIFEST_PATH,
  PUBLIC_KEY_PATH,
  SIGNATURE_PATH,
  sha256Hex,
  toHex,
} from './manifest';
import type {
  BundleFileRole,
  BundleIndexFile,
  EvidenceInput,
  GeneratedFile,
  Sha256Factory,
} from './types';

export const BUNDLE_FORMAT = 'casebook-evidence-bundle';
export const BUNDLE_VERSION = 1;

export interface BundleInput {
  /** When the bundle is made: in README.txt, VERIFY.txt, bundle.json and every entry's date. */
  readonly createdAt: Date;
  /** e.g. `Casebook 0.1.0`. */
  readonly producer: string;
  /** The report, CSV, JSON and audit files, as opaque bytes under their paths. */
  readonly generated: readonly GeneratedFile[];
  readonly evidence: readonly EvidenceInput[];
  /** The casebook's Ed25519 identity key (32 bytes); it must be the key `sign` signs with. */
  readonly publicKey: Uint8Array;
  /** A detached Ed25519 signature (64 bytes) of exactly these bytes. */
  sign(manifest: Uint8Array): Promise<Uint8Array>;
  readonly sha256: Sha256Factory;
  readonly signal?: AbortSignal;
  /** Called as evidence bytes go in: bytes done so far, and the total. */
  onProgress?(done: number, total: number): void;
}

export type BundleOutcome =
  | {
      readonly ok: true;
      /** Every file the manifest lists, as bundle.json lists them (bundle.json itself last). */
      readonly files: readonly BundleIndexFile[];
      readonly manifest: Uint8Array;
      readonly keyFingerprint: string;
      /** The ZIP's size in bytes. */
      readonly bytes: number;
    }
  | {
      readonly ok: false;
      readonly reason: 'evidence-mismatch' | 'evidence-unreadable' | 'cancelled';
      readonly ref?: string;
      readonly message: string;
    };

const RESERVED = new Set(
  [README_PATH, VERIFY_PATH, INDEX_PATH, MANIFEST_PATH, SIGNATURE_PATH, PUBLIC_KEY_PATH].map((p) =>
    p.toLowerCase(),
  ),
);
const TEXT = /\.(txt|csv|json|jsonl|sha256|pem|md|html|xml)$/i;

function roleOf(path: string): BundleFileRole {
  if (path.startsWith('report/')) return 'report';
  if (path.startsWith('audit/')) return 'audit';
  return 'data';
}

/** Bugs in the caller, not expected failures: they throw. */
function checkInput(input: BundleInput): void {
  if (input.publicKey.length !== 32) throw new TypeError('publicKey must be 32 bytes (Ed25519).');
  const seen = new Set<string>();
  for (const { path } of input.generated) {
    const lower = path.toLowerCase();
    if (!isSafeBundlePath(path)) throw new TypeError(`Unsafe bundle path: ${JSON.stringify(path)}`);
    if (RESERVED.has(lower) || /^(evidence|sidecars)\//.test(lower))
      throw new TypeError(`The bundle writer makes ${path} itself.`);
    if (seen.has(lower)) throw new TypeError(`Two generated files at ${path}.`);
    seen.add(lower);
  }
  for (const item of input.evidence) {
    if (!/^[0-9a-fA-F]{64}$/.test(item.sha256))
      throw new TypeError(`Exhibit ${item.ref}: sha256 must be 64 hex characters.`);
    if (!Number.isSafeInteger(item.size) || item.size < 0)
      throw new TypeError(`Exhibit ${item.ref}: size must be a whole number of bytes.`);
  }
}

/**
 * Streams an evidence bundle into `output`: originals stored byte for byte (level 0), text
 * deflated, ZIP64 throughout. Each exhibit is hashed on its way in and the bundle refused
 * (the output aborted, `ok: false` naming the ref) if its bytes are not what the casebook
 * recorded. Memory stays flat: one chunk of evidence at a time.
 */
export async function writeBundle(
  input: BundleInput,
  output: WritableStream<Uint8Array>,
): Promise<BundleOutcome> {
  checkInput(input);
  const sink = output.getWriter();
  let bytes = 0;
  // Our own stream in front of `output`, so a refusal can abort it while zip.js holds its lock.
  const front = new WritableStream<Uint8Array>({
    write: async (chunk) => {
      await sink.ready;
      await sink.write(chunk);
      bytes += chunk.length;
    },
    close: () => sink.close(),
  });
  const zip = new ZipWriter(front, {
    zip64: true,
    useWebWorkers: false,
    lastModDate: input.createdAt,
    keepOrder: true,
  });
  const listed: BundleIndexFile[] = [];
  const addBytes = async (
    path: string,
    data: Uint8Array,
    role: BundleFileRole,
    extra: { ref?: string; originalName?: string } = {},
  ) => {
    await zip.add(path, new Uint8ArrayReader(data), { level: TEXT.test(path) ? 6 : 0 });
    listed.push({ path, role, sha256: sha256Hex(input.sha256, data), size: data.length, ...extra });
  };
  const encode = (text: string) => new TextEncoder().encode(text);

  const names = evidenceNames(input.evidence);
  const exhibits = input.evidence.map((item, i) => ({
    item,
    name: names[i] ?? '',
    path: `${EVIDENCE_FOLDER}/${names[i]}`,
  }));
  const fingerprint = keyFingerprint(input.sha256, input.publicKey);
  const facts: BundleTextFacts = {
    createdAt: input.createdAt,
    producer: input.producer,
    publicKey: input.publicKey,
    keyFingerprint: fingerprint,
    listed: input.generated.length + 2 * exhibits.length + 3,
    exhibits: exhibits.map((e) => ({ ref: e.item.ref, path: e.path })),
  };
  const total = input.evidence.reduce((n, e) => n + e.size, 0);
  let done = 0;

  try {
    await addBytes(README_PATH, encode(readmeText(facts)), 'guide');
    await addBytes(VERIFY_PATH, encode(verifyText(facts)), 'guide');
    await zip.add(PUBLIC_KEY_PATH, new TextReader(publicKeyPem(input.publicKey)), { level: 0 });
    for (const file of input.generated) await addBytes(file.path, file.bytes, roleOf(file.path));
    for (const { item, name, path } of exhibits) {
      const stream = hashedSource(
        item.open(),
        {
          ref: item.ref,
          sha256: item.sha256,
          size: item.size,
          hasher: input.sha256,
          signal: input.signal,
          onBytes: (n) => {
            done += n;
            input.onProgress?.(done, total);
          },
        },
        toHex,
      );
      await zip.add(path, stream, { level: 0, uncompressedSize: item.size });
      const sha256 = item.sha256.toLowerCase();
      listed.push({
        path,
        role: 'evidence',
        sha256,
        size: item.size,
        ref: item.ref,
        originalName: item.originalName,
      });
      const sidecar = {
        format: 'casebook-exhibit',
        version: 1,
        ref: item.ref,
        file: path,
        originalName: item.originalName,
        sha256,
        size: item.size,
        casebook: item.sidecar,
      };
      await addBytes(
        `${SIDECAR_FOLDER}/${name}.json`,
        encode(`${JSON.stringify(sidecar, null, 2)}\n`),
        'sidecar',
        { ref: item.ref },
      );
    }
    const index = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      createdAt: input.createdAt.toISOString(),
      producer: input.producer,
      keyFingerprint: fingerprint,
      files: listed,
    };
    await addBytes(INDEX_PATH, encode(`${JSON.stringify(index, null, 2)}\n`), 'data');
    const manifest = formatManifest(listed);
    const signature = await input.sign(manifest);
    if (signature.length !== 64)
      throw new TypeError('sign() must return a 64-byte Ed25519 signature.');
    await zip.add(MANIFEST_PATH, new Uint8ArrayReader(manifest), { level: 6 });
    await zip.add(SIGNATURE_PATH, new Uint8ArrayReader(signature), { level: 0 });
    await zip.close();
    return { ok: true, files: listed, manifest, keyFingerprint: fingerprint, bytes };
  } catch (error) {
    await sink.abort(error).catch(() => undefined);
    const refusal = refusalIn(error);
    if (refusal) {
      return {
        ok: false,
        reason: refusal.reason,
        ...(refusal.ref !== undefined && { ref: refusal.ref }),
        message: refusal.message,
      };
    }
    throw error;
  }
}

/** zip.js may wrap the stream's error; find ours. */
function refusalIn(error: unknown): EvidenceRefusal | undefined {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e instanceof EvidenceRefusal) return e;
  }
  return undefined;
}
