import { MANIFEST_PATH, PUBLIC_KEY_PATH, SIGNATURE_PATH, toHex } from './manifest';

export const README_PATH = 'README.txt';
export const VERIFY_PATH = 'VERIFY.txt';
export const INDEX_PATH = 'bundle.json';
export const EVIDENCE_FOLDER = 'evidence';
export const SIDECAR_FOLDER = 'sidecars';

export interface BundleTextFacts {
  readonly createdAt: Date;
  readonly producer: string;
  readonly publicKey: Uint8Array;
  readonly keyFingerprint: string;
  /** How many files MANIFEST.sha256 lists. */
  readonly listed: number;
  readonly exhibits: readonly { readonly ref: string; readonly path: string }[];
}

const when = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' at ')} UTC`;

/** README.txt: what the bundle is, and what it is not. */
export function readmeText(facts: BundleTextFacts): string {
  const exhibits =
    facts.exhibits.length === 0
      ? '  (none)\n'
      : facts.exhibits.map((e) => `  ${e.ref.padEnd(10)} ${e.path}\n`).join('');
  return `CASEBOOK EVIDENCE BUNDLE

Made by ${facts.producer} on ${when(facts.createdAt)}.

This folder is an account of events kept by the person who gave it to you, with the
original evidence files exactly as they were recorded. Nothing in evidence/ has been
converted, resized or re-saved: each file has the same bytes, and so the same SHA-256,
as when it was first taken in.

What is here
  ${VERIFY_PATH.padEnd(18)} how to check that nothing has been changed (read this first)
  report/            the report and spreadsheets made from the casebook
  ${EVIDENCE_FOLDER}/${' '.repeat(18 - EVIDENCE_FOLDER.length - 1)} the original files, named <exhibit reference>_<original name>
  ${SIDECAR_FOLDER}/${' '.repeat(18 - SIDECAR_FOLDER.length - 1)} for each exhibit, what Casebook knows of it (JSON)
  audit/             the casebook's audit log: every change, signed and chained
  ${INDEX_PATH.padEnd(18)} an index: each file's role, exhibit reference and SHA-256
  ${MANIFEST_PATH.padEnd(18)} the SHA-256 of every file, in the format sha256sum reads
  ${SIGNATURE_PATH.padEnd(18)} the Ed25519 signature of ${MANIFEST_PATH}
  ${PUBLIC_KEY_PATH.padEnd(18)} the public key that made the signature

Exhibits
${exhibits}
This bundle is a hand-over from the person who kept the record. It is not a forensic
download of their phone or computer, and does not replace one where that is needed.
`;
}

/** VERIFY.txt: how anyone checks the bundle, with or without Casebook. */
export function verifyText(facts: BundleTextFacts): string {
  return `HOW TO CHECK THIS BUNDLE

Every file in this bundle is listed in ${MANIFEST_PATH} with its SHA-256 hash, a
64-character fingerprint of its exact bytes. If a single byte of a file changes, its hash
changes. The list is signed with this casebook's Ed25519 key, so the list itself cannot
be changed without the signature failing.

You do not need Casebook for the first two checks.

1. Check every file against the list (Linux, macOS, or Windows with WSL or Git Bash)

     unzip bundle.zip -d bundle
     cd bundle
     sha256sum -c ${MANIFEST_PATH}

   Every line should end in "OK", and the last line should not mention any failure.
   On macOS without sha256sum, use: shasum -a 256 -c ${MANIFEST_PATH}
   The list has ${facts.listed} files. Only three files are not in it: ${MANIFEST_PATH}
   itself, ${SIGNATURE_PATH} and ${PUBLIC_KEY_PATH}. Any other file in the folder that is
   not in the list was added after the bundle was made.

2. Check that the list was signed by this casebook's key (OpenSSL 3.0 or later)

     openssl pkeyutl -verify -pubin -inkey ${PUBLIC_KEY_PATH} -rawin -in ${MANIFEST_PATH} -sigfile ${SIGNATURE_PATH}

   It should print "Signature Verified Successfully".

   The signature shows that the list was signed with the key in ${PUBLIC_KEY_PATH}. Anyone
   can make a key, so compare the key's fingerprint with one you obtained separately, for
   example from the person's own copy of Casebook ("casebook verify" on their casebook
   file prints it as its signing key).

     Key fingerprint:   ${facts.keyFingerprint}
     Public key (hex):  ${toHex(facts.publicKey)}

   To work the fingerprint out yourself (its first 16 characters, in groups of four):

     openssl pkey -pubin -in ${PUBLIC_KEY_PATH} -outform DER | tail -c 32 | sha256sum

3. Check everything with Casebook

     casebook verify bundle.zip

   This reads the ZIP file without unzipping it, checks every hash and the signature,
   names any file that was changed, removed or added (with its exhibit reference), and
   checks the audit log's chain of signed entries.

Made by ${facts.producer} on ${when(facts.createdAt)}.
`;
}
