import { type Entry, type FileEntry, type Reader, ZipReader } from '@zip.js/zip.js';
import { isSafeBundlePath } from './bundle-paths';
import { type BundleProblem, named, problem } from './bundle-problems';
import { INDEX_PATH, README_PATH, VERIFY_PATH } from './bundle-texts';
import { parsePublicKeyPem } from './ed25519-key';
import { keyFingerprint } from './key-fingerprint';
import {
  MANIFEST_PATH,
  type ManifestLine,
  PUBLIC_KEY_PATH,
  parseManifest,
  SIGNATURE_PATH,
} from './manifest';
import { readEntry } from './read-entry';
import { type BundleIndex, readIndex } from './read-index';
import type { GeneratedFile, Sha256Factory } from './types';

/** What the injected audit-chain check found. */
export type AuditCheck =
  | { readonly ok: true; readonly summary: string }
  | { readonly ok: false; readonly problems: readonly string[] };

export interface VerifyBundleOptions {
  readonly sha256: Sha256Factory;
  /** Ed25519 verification of a detached signature; false (never a throw) when it fails. */
  checkSignature(
    message: Uint8Array,
    signature: Uint8Array,
    publicKey: Uint8Array,
  ): Promise<boolean>;
  /** The audit chain check, given the audit files that matched the manifest, and the key. */
  checkAudit?(files: readonly GeneratedFile[], publicKey: Uint8Array): Promise<AuditCheck>;
  readonly signal?: AbortSignal;
}

export interface BundleReport {
  /** True only when there is no problem at all. */
  readonly intact: boolean;
  readonly problems: readonly BundleProblem[];
  /** Files whose SHA-256 matched the manifest. */
  readonly filesChecked: number;
  /** Files the manifest lists. */
  readonly filesListed: number;
  readonly exhibits: number;
  readonly bytesChecked: number;
  readonly signature: 'valid' | 'invalid' | 'absent';
  readonly keyFingerprint?: string;
  /** `not-checked`: audit files are there but no check was given; `absent`: there are none. */
  readonly audit: AuditCheck | 'not-checked' | 'absent';
}

export type BundleVerification =
  | { readonly ok: true; readonly report: BundleReport }
  | { readonly ok: false; readonly reason: 'unreadable'; readonly message: string };

const MANIFEST_CAP = 32 * 1024 * 1024;
const INDEX_CAP = 64 * 1024 * 1024;
const AUDIT_CAP = 256 * 1024 * 1024;
const SPECIAL = new Set([MANIFEST_PATH, SIGNATURE_PATH, PUBLIC_KEY_PATH]);
const MARKERS = [
  MANIFEST_PATH,
  SIGNATURE_PATH,
  PUBLIC_KEY_PATH,
  INDEX_PATH,
  VERIFY_PATH,
  README_PATH,
];
// Reader warnings that mean two tools could see different files in the same ZIP.
const AMBIGUOUS: Record<string, string> = {
  'prepended data': 'The ZIP file has bytes before its first file that belong to no file.',
  'appended data': 'The ZIP file has bytes after its end that belong to no file.',
  'multiple end of central directory records':
    'The ZIP file has more than one table of contents, so different tools could see different files.',
  'duplicate filename':
    'The ZIP file holds two files of one name, so different tools could see different files.',
  'mismatched local file header (filename)':
    'A file in the ZIP file is named differently in two places, so different tools could see different names.',
};

const UNREADABLE =
  'This file is not a ZIP file, or it is damaged or incomplete (for example, a download that did not finish). Try another copy of it.';
const NOT_A_BUNDLE =
  'This ZIP file is not a Casebook evidence bundle: it has no MANIFEST.sha256 or VERIFY.txt.';

/**
 * Checks a bundle through zip.js's random-access reader without unzipping it: every entry's
 * SHA-256 against MANIFEST.sha256 (streamed), missing and extra files, unsafe, repeated and
 * encrypted entries, the manifest's signature against pubkey.pem, and the audit chain if a
 * check is given. Problems name the path and, for exhibits, the ref. A file that is not a
 * readable ZIP is `ok: false`; nothing here throws for bad input.
 */
export async function verifyBundle(
  source: Reader<unknown>,
  options: VerifyBundleOptions,
): Promise<BundleVerification> {
  let entries: Entry[];
  let warnings: readonly { reason: string }[];
  try {
    const zip = new ZipReader(source, { useWebWorkers: false });
    entries = await zip.getEntries({ strictness: 'tolerant' });
    warnings = zip.warnings ?? [];
  } catch (error) {
    if (options.signal?.aborted) throw error;
    if (isIoError(error)) throw error;
    return { ok: false, reason: 'unreadable', message: UNREADABLE };
  }
  const problems: BundleProblem[] = [];
  const files = new Map<string, FileEntry>();
  const lowerNames = new Map<string, string>();
  for (const entry of entries) {
    const path = entry.filename;
    // `zip -r` of an unzipped bundle adds folder entries; they hold no bytes. zip.js also takes
    // an entry whose DOS "folder" bit is set for a folder, whatever its name and size, while
    // unzip writes it out as a file: so only a name ending in / with no bytes is a folder, and
    // every other entry is checked as a file (found by the review: an exhibit smuggled in).
    const folder = path.endsWith('/') && entry.uncompressedSize === 0 && entry.compressedSize === 0;
    if (folder) {
      const name = path.replace(/\/$/, '');
      if (!isSafeBundlePath(name)) problems.push(problem.unsafe(path));
      const clash = lowerNames.get(name.toLowerCase());
      if (clash !== undefined) problems.push(problem.duplicate(path, undefined, clash));
      else lowerNames.set(name.toLowerCase(), name);
      continue;
    }
    if (entry.directory || path.endsWith('/')) {
      problems.push(problem.unsafe(path));
      continue;
    }
    if (!isSafeBundlePath(path)) {
      problems.push(problem.unsafe(path));
      continue;
    }
    const clash = lowerNames.get(path.toLowerCase());
    if (clash !== undefined) {
      problems.push(problem.duplicate(path, undefined, clash));
      continue;
    }
    lowerNames.set(path.toLowerCase(), path);
    files.set(path, entry);
  }
  if (!MARKERS.some((m) => files.has(m))) {
    return { ok: false, reason: 'unreadable', message: NOT_A_BUNDLE };
  }
  for (const w of warnings) {
    const message = AMBIGUOUS[w.reason];
    if (message) problems.push({ kind: 'ambiguous-zip', message });
  }

  const small = async (path: string, cap: number) => {
    const entry = files.get(path);
    if (!entry || entry.encrypted) return undefined;
    const read = await readEntry(entry, options.sha256, cap, options.signal);
    return read.ok ? read : undefined;
  };

  // The manifest.
  const manifestRead = await small(MANIFEST_PATH, MANIFEST_CAP);
  const manifestBytes = manifestRead?.bytes;
  let lines: ManifestLine[] = [];
  if (!manifestBytes) {
    problems.push({
      kind: 'manifest',
      path: MANIFEST_PATH,
      message: files.has(MANIFEST_PATH)
        ? 'MANIFEST.sha256 cannot be read, so no file can be checked against it.'
        : 'MANIFEST.sha256 is missing, so no file can be checked against it.',
    });
  } else {
    const parsed = parseManifest(manifestBytes);
    for (const p of parsed.problems) {
      problems.push(
        p.kind === 'repeated-path'
          ? {
              kind: 'manifest',
              path: p.path,
              message: `MANIFEST.sha256 lists ${p.path} more than once (again on line ${p.line}).`,
            }
          : {
              kind: 'manifest',
              path: MANIFEST_PATH,
              message: `Line ${p.line} of MANIFEST.sha256 is not a hash and a file name, as sha256sum writes them.`,
            },
      );
    }
    for (const line of parsed.lines) {
      if (!isSafeBundlePath(line.path) || SPECIAL.has(line.path)) {
        problems.push({
          kind: 'manifest',
          path: line.path,
          message: `MANIFEST.sha256 lists ${JSON.stringify(line.path)}, which a Casebook bundle never lists.`,
        });
      } else lines.push(line);
    }
  }
  lines = lines.filter((l) => l.path.length > 0);
  const expected = new Map(lines.map((l) => [l.path, l.sha256]));

  // The key and the signature.
  const keyRead = await small(PUBLIC_KEY_PATH, 16 * 1024);
  const publicKey = keyRead?.bytes
    ? parsePublicKeyPem(new TextDecoder().decode(keyRead.bytes))
    : undefined;
  if (!publicKey) {
    problems.push({
      kind: 'key',
      path: PUBLIC_KEY_PATH,
      message: files.has(PUBLIC_KEY_PATH)
        ? 'pubkey.pem is not an Ed25519 public key, so the signature cannot be checked.'
        : 'pubkey.pem is missing, so the signature cannot be checked.',
    });
  }
  const sigRead = await small(SIGNATURE_PATH, 1024);
  let signature: BundleReport['signature'] = 'absent';
  if (!sigRead?.bytes) {
    problems.push({
      kind: 'signature',
      path: SIGNATURE_PATH,
      message: 'MANIFEST.sha256.sig is missing, so nothing shows who made the list of hashes.',
    });
  } else if (publicKey && manifestBytes) {
    const valid =
      sigRead.bytes.length === 64 &&
      (await options.checkSignature(manifestBytes, sigRead.bytes, publicKey).catch(() => false));
    signature = valid ? 'valid' : 'invalid';
    if (!valid)
      problems.push({
        kind: 'signature',
        path: SIGNATURE_PATH,
        message:
          'The signature in MANIFEST.sha256.sig does not match MANIFEST.sha256 and pubkey.pem: the list of hashes was changed after it was signed, or was signed with another key.',
      });
  }

  // The index names exhibits; trusted only when it matches the manifest.
  const indexRead = await small(INDEX_PATH, INDEX_CAP);
  let index: BundleIndex | undefined;
  if (indexRead?.bytes && expected.get(INDEX_PATH) === indexRead.sha256) {
    index = readIndex(indexRead.bytes);
    if (!index)
      problems.push({ kind: 'index', path: INDEX_PATH, message: 'bundle.json cannot be read.' });
    else {
      for (const row of index.files) {
        if (expected.get(row.path) !== row.sha256)
          problems.push({
            kind: 'index',
            path: row.path,
            message: `bundle.json and MANIFEST.sha256 disagree about ${named(row.path, row.ref)}.`,
          });
      }
    }
  }
  const refOf = (path: string) => index?.refs.get(path);

  // Every file, streamed.
  let filesChecked = 0;
  let bytesChecked = 0;
  const auditFiles: GeneratedFile[] = [];
  for (const [path, entry] of files) {
    if (SPECIAL.has(path)) continue;
    const want = expected.get(path);
    if (want === undefined) {
      problems.push(problem.extra(path));
      continue;
    }
    if (entry.encrypted) {
      problems.push(problem.encrypted(path, refOf(path)));
      continue;
    }
    const keep = options.checkAudit && path.startsWith('audit/') ? AUDIT_CAP : undefined;
    const read =
      path === INDEX_PATH && indexRead
        ? indexRead
        : await readEntry(entry, options.sha256, keep, options.signal);
    if (!read.ok) {
      problems.push(problem.damaged(path, refOf(path)));
      continue;
    }
    if (read.sha256 !== want) {
      problems.push(problem.altered(path, refOf(path)));
      continue;
    }
    filesChecked += 1;
    bytesChecked += entry.uncompressedSize;
    if (read.bytes && keep !== undefined) auditFiles.push({ path, bytes: read.bytes });
  }
  for (const line of lines) {
    if (!files.has(line.path)) problems.push(problem.missing(line.path, refOf(line.path)));
  }

  const hasAudit = lines.some((l) => l.path.startsWith('audit/'));
  let audit: BundleReport['audit'] = hasAudit ? 'not-checked' : 'absent';
  if (hasAudit && options.checkAudit && publicKey) {
    audit = await options.checkAudit(auditFiles, publicKey);
    if (!audit.ok) for (const message of audit.problems) problems.push({ kind: 'audit', message });
  }

  const exhibits = index
    ? index.files.filter((f) => f.role === 'evidence').length
    : lines.filter((l) => l.path.startsWith('evidence/')).length;
  return {
    ok: true,
    report: {
      intact: problems.length === 0,
      problems,
      filesChecked,
      filesListed: lines.length,
      exhibits,
      bytesChecked,
      signature,
      ...(publicKey && { keyFingerprint: keyFingerprint(options.sha256, publicKey) }),
      audit,
    },
  };
}

/** A failure of the disk or the file system is not a property of the ZIP file. */
function isIoError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}
