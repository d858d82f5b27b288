import type { RecordState } from '@casebook/vault';
import { describeTime, verifyBackup } from '@casebook/vault';
import { EXIT, type Output } from '../io';
import { formatBytes, formatDay } from './format';
import { openBackupArgs } from './open-backup';

const KIND_LABELS: Record<string, string> = {
  incident: 'Incidents',
  person: 'People',
  call: 'Calls',
  item: 'Physical items',
  evidence: 'Evidence items',
  risk: 'Risk assessments',
  'safety-plan': 'Safety plan',
  'imported-message': 'Imported messages',
  'imported-call': 'Imported calls',
};

/** The incident's start as local wall-clock text, whatever shape of body it has. */
function incidentStart(record: RecordState): string | undefined {
  if (record.deleted) return undefined;
  const body = record.body as { when?: { start?: { local?: unknown } } } | null;
  const local = body?.when?.start?.local;
  return typeof local === 'string' ? local : undefined;
}

/** `casebook info <file.casebook>`: format version, counts and date range. Files are not hashed. */
export async function infoCommand(path: string, output: Output): Promise<number> {
  const opened = await openBackupArgs(path, output);
  if (typeof opened === 'number') return opened;
  const { source, passphrase } = opened;
  const result = await verifyBackup(source, { passphrase }, { checkFiles: false });
  if (!result.ok) {
    output.err(result.message);
    return EXIT.failed;
  }
  const { header, records, files, log } = result.value;
  if (!result.value.report.ok) {
    output.out(
      'This file has problems, so what follows may not be true. Run casebook verify on it to see them.',
    );
  }
  output.out(`Casebook backup, format ${header.v} (vault ${header.vaultId.slice(0, 8)})`);
  output.out(`Created: ${formatDay(header.createdAt)}`);
  const kinds = [...new Set(records.map((r) => r.kind))].sort();
  for (const kind of kinds) {
    const all = records.filter((r) => r.kind === kind);
    const deleted = all.filter((r) => r.deleted).length;
    const label = KIND_LABELS[kind] ?? kind;
    output.out(
      `${label}: ${all.length - deleted}${deleted > 0 ? ` (and ${deleted} deleted)` : ''}`,
    );
  }
  output.out(`Files: ${files.length} (${formatBytes(files.reduce((n, f) => n + f.size, 0))})`);
  const starts = records
    .flatMap((r) => (r.kind === 'incident' ? (incidentStart(r) ?? []) : []))
    .sort();
  const first = starts[0];
  const last = starts.at(-1);
  if (first && last) output.out(`Incidents from ${formatDay(first)} to ${formatDay(last)}`);
  output.out(`Audit log: ${log.length} entries`);
  const { checkpoint } = result.value.report;
  if (checkpoint) {
    output.out(
      `Checkpoint: entry ${checkpoint.seq}, signed ${describeTime(checkpoint.time)}, fingerprint ${checkpoint.fingerprint}`,
    );
  } else {
    output.out('Checkpoint: none (saved by an earlier version of Casebook)');
  }
  return EXIT.ok;
}
