/**
 * @casebook/handover — what a person hands over, made from an unlocked vault: it reads the
 * case into the report's snapshot, makes the PDF, CSVs, JSON and evidence bundle from one
 * redacted copy, and notes each in the signed log. The one package where vault and report meet.
 */
export { AUDIT_PATHS, auditFiles, checkBundleAudit } from './audit-files';
export { type CaseChoices, type GatheredCase, gatherCase } from './gather-case';
export {
  type AccountOptions,
  type BundleOptions,
  leftOutOfDisclosure,
  makeBundle,
  makeCsv,
  makeJson,
  makePdf,
  type PreparedAccount,
  prepareAccount,
} from './make-account';
