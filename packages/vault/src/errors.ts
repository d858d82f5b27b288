/** A stored record or file failed authentication: it was altered or damaged. */
export class VaultIntegrityError extends Error {
  override name = 'VaultIntegrityError';
}
