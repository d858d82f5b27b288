export { cleanFileName, evidenceNames, isSafeBundlePath, refForName } from './bundle-paths';
export type { BundleProblem, BundleProblemKind } from './bundle-problems';
export { parsePublicKeyPem, publicKeyPem } from './ed25519-key';
export { keyFingerprint } from './key-fingerprint';
export {
  formatManifest,
  MANIFEST_PATH,
  type ManifestLine,
  PUBLIC_KEY_PATH,
  parseManifest,
  SIGNATURE_PATH,
} from './manifest';
export type {
  BundleFileRole,
  BundleIndexFile,
  EvidenceInput,
  GeneratedFile,
  Sha256,
  Sha256Factory,
} from './types';
export {
  type AuditCheck,
  type BundleReport,
  type BundleVerification,
  type VerifyBundleOptions,
  verifyBundle,
} from './verify-bundle';
export {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type BundleInput,
  type BundleOutcome,
  writeBundle,
} from './write-bundle';
