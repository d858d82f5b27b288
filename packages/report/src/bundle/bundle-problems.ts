/** What can be wrong with a bundle that could be read. */
export type BundleProblemKind =
  | 'altered'
  | 'missing'
  | 'extra'
  | 'duplicate-entry'
  | 'unsafe-name'
  | 'encrypted-entry'
  | 'ambiguous-zip'
  | 'manifest'
  | 'signature'
  | 'key'
  | 'index'
  | 'audit';

export interface BundleProblem {
  readonly kind: BundleProblemKind;
  /** The file concerned, as named in the ZIP or the manifest. */
  readonly path?: string;
  /** Its exhibit reference, when the file is (or belongs to) an exhibit. */
  readonly ref?: string;
  /** One plain sentence. */
  readonly message: string;
}

/** `evidence/JD-3_x.jpg (exhibit JD/3)`, or just the path. */
export function named(path: string, ref: string | undefined): string {
  return ref === undefined ? path : `${path} (exhibit ${ref})`;
}

const quoted = (path: string) => JSON.stringify(path);

export const problem = {
  altered: (path: string, ref: string | undefined): BundleProblem => ({
    kind: 'altered',
    path,
    ...(ref !== undefined && { ref }),
    message: `${named(path, ref)} has been changed: its SHA-256 is not the one in MANIFEST.sha256.`,
  }),
  damaged: (path: string, ref: string | undefined): BundleProblem => ({
    kind: 'altered',
    path,
    ...(ref !== undefined && { ref }),
    message: `${named(path, ref)} is damaged inside the ZIP file and cannot be read back.`,
  }),
  missing: (path: string, ref: string | undefined): BundleProblem => ({
    kind: 'missing',
    path,
    ...(ref !== undefined && { ref }),
    message: `${named(path, ref)} is listed in MANIFEST.sha256 but is not in the bundle.`,
  }),
  extra: (path: string): BundleProblem => ({
    kind: 'extra',
    path,
    message: `${path} is in the bundle but not in MANIFEST.sha256: it was added after the bundle was made.`,
  }),
  duplicate: (path: string, ref: string | undefined, other: string): BundleProblem => ({
    kind: 'duplicate-entry',
    path,
    ...(ref !== undefined && { ref }),
    message:
      other === path
        ? `${named(path, ref)} is in the ZIP file twice, and unzip tools would keep only one of them.`
        : `${quoted(path)} and ${quoted(other)} differ only in capitals, so Windows and macOS would keep only one of them.`,
  }),
  unsafe: (path: string): BundleProblem => ({
    kind: 'unsafe-name',
    path,
    message: `The ZIP file holds a file named ${quoted(path)}, which is not a safe name: unzipping it could write outside the folder, or show a different name.`,
  }),
  encrypted: (path: string, ref: string | undefined): BundleProblem => ({
    kind: 'encrypted-entry',
    path,
    ...(ref !== undefined && { ref }),
    message: `${named(path, ref)} is encrypted inside the ZIP file, so it cannot be checked. A Casebook bundle never encrypts a file.`,
  }),
};
