import { buildDemoCasebook, type DemoCasebook, type EvidenceItem } from '@casebook/core';
import type { Vault } from '@casebook/vault';
import { demoFileFor } from './demo-files';

export interface DemoSize {
  readonly incidents: number;
  readonly weeks: number;
  readonly seed: number;
  /** At most this many evidence files are added (each is encrypted and hashed). */
  readonly maxFiles?: number;
}

export const DEMO_START = '2026-01-05';
export const DEMO_ZONE = 'Europe/London';

export function demoData(size: DemoSize): DemoCasebook {
  return buildDemoCasebook({
    seed: size.seed,
    incidents: size.incidents,
    weeks: size.weeks,
    startDate: DEMO_START,
    zone: DEMO_ZONE,
  });
}

/**
 * Writes a demo casebook into an open vault: people, incidents, calls, items, then
 * evidence items with real sample files. The same builder feeds tests and benchmarks.
 */
export async function populateVault(
  vault: Vault,
  demo: DemoCasebook,
  maxFiles = 12,
): Promise<{ files: number }> {
  for (const person of demo.people) await vault.put('person', person.id, person);
  for (const incident of demo.incidents) await vault.put('incident', incident.id, incident);
  for (const call of demo.calls) await vault.put('call', call.id, call);
  for (const item of demo.items) await vault.put('item', item.id, item);
  let files = 0;
  for (const draft of demo.evidence) {
    if (files >= maxFiles) break;
    const bytes = await demoFileFor(
      draft.mediaType,
      files,
      draft.description ?? draft.originalName,
    );
    if (!bytes) continue;
    const info = await vault.addFile(
      (async function* () {
        yield bytes;
      })(),
    );
    const item: EvidenceItem = {
      ...draft,
      blobId: info.blobId as EvidenceItem['blobId'],
      sha256: info.sha256,
      size: info.size,
    };
    await vault.put('evidence', item.id, item);
    files += 1;
  }
  return { files };
}
