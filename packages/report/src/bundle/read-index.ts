import type { BundleFileRole, BundleIndexFile } from './types';

export interface BundleIndex {
  readonly files: readonly BundleIndexFile[];
  /** Exhibit reference by path, for evidence files and their sidecars. */
  readonly refs: ReadonlyMap<string, string>;
}

const ROLES = new Set<BundleFileRole>(['guide', 'report', 'audit', 'data', 'evidence', 'sidecar']);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** bundle.json, checked field by field; undefined when it is not one. */
export function readIndex(bytes: Uint8Array): BundleIndex | undefined {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.format !== 'casebook-evidence-bundle' || value.version !== 1)
    return undefined;
  if (!Array.isArray(value.files)) return undefined;
  const files: BundleIndexFile[] = [];
  const refs = new Map<string, string>();
  for (const row of value.files) {
    if (!isRecord(row)) return undefined;
    const { path, role, sha256, size, ref, originalName } = row;
    if (typeof path !== 'string' || typeof sha256 !== 'string' || typeof size !== 'number')
      return undefined;
    if (typeof role !== 'string' || !ROLES.has(role as BundleFileRole)) return undefined;
    if (ref !== undefined && typeof ref !== 'string') return undefined;
    if (originalName !== undefined && typeof originalName !== 'string') return undefined;
    files.push({
      path,
      role: role as BundleFileRole,
      sha256,
      size,
      ...(ref !== undefined && { ref }),
      ...(originalName !== undefined && { originalName }),
    });
    if (ref !== undefined) refs.set(path, ref);
  }
  return { files, refs };
}
