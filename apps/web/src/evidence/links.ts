import type { EvidenceItem, Incident, PhysicalItem } from '@casebook/core';
import type { DiaryData } from '../diary/use-diary-data';

/**
 * Links between evidence and incidents are kept on both sides (EvidenceItem.incidents and
 * Incident.evidence); physical items list their photos (PhysicalItem.evidence). Each change
 * reads the newest revision first, so a link never undoes an edit made meanwhile.
 */
async function latest<K extends 'incident' | 'item' | 'evidence'>(
  diary: DiaryData,
  kind: K,
  id: string,
) {
  const last = (await diary.history(kind, id)).at(-1);
  return last?.state === 'live' ? last.body : undefined;
}

export async function attachTo(
  diary: DiaryData,
  kind: 'incident' | 'item',
  id: string,
  evidenceId: string,
): Promise<void> {
  if (kind === 'incident') {
    const body = (await latest(diary, 'incident', id)) as Incident | undefined;
    if (!body || body.evidence.includes(evidenceId as Incident['evidence'][number])) return;
    await diary.save('incident', id, {
      ...body,
      evidence: [...body.evidence, evidenceId as Incident['evidence'][number]],
    });
  } else {
    const body = (await latest(diary, 'item', id)) as PhysicalItem | undefined;
    if (!body || body.evidence.includes(evidenceId as PhysicalItem['evidence'][number])) return;
    await diary.save('item', id, {
      ...body,
      evidence: [...body.evidence, evidenceId as PhysicalItem['evidence'][number]],
    });
  }
}

async function detachFromIncident(diary: DiaryData, id: string, evidenceId: string) {
  const body = (await latest(diary, 'incident', id)) as Incident | undefined;
  if (!body?.evidence.includes(evidenceId as Incident['evidence'][number])) return;
  await diary.save('incident', id, {
    ...body,
    evidence: body.evidence.filter((e) => e !== evidenceId),
  });
}

/** Saves an item's description and incident links, and mirrors the links on the incidents. */
export async function saveEvidenceDetails(
  diary: DiaryData,
  item: EvidenceItem,
  description: string,
  incidents: readonly string[],
): Promise<void> {
  const { description: _old, ...rest } = item;
  const text = description.trim();
  const next: EvidenceItem = {
    ...rest,
    ...(text !== '' && { description: text }),
    incidents: [...incidents] as EvidenceItem['incidents'],
  };
  await diary.save('evidence', item.id, next);
  for (const id of incidents) {
    if (!item.incidents.includes(id as EvidenceItem['incidents'][number])) {
      await attachTo(diary, 'incident', id, item.id);
    }
  }
  for (const id of item.incidents) {
    if (!incidents.includes(id)) await detachFromIncident(diary, id, item.id);
  }
}

/**
 * After a new incident is saved: files attached while it was being written went in before it
 * existed, so each item is told now which incident it belongs to (the incident already lists
 * them).
 */
export async function linkBackToIncident(
  diary: DiaryData,
  incidentId: string,
  evidenceIds: readonly string[],
): Promise<void> {
  for (const evidenceId of evidenceIds) {
    const body = (await latest(diary, 'evidence', evidenceId)) as EvidenceItem | undefined;
    const id = incidentId as EvidenceItem['incidents'][number];
    if (!body || body.incidents.includes(id)) continue;
    await diary.save('evidence', evidenceId, { ...body, incidents: [...body.incidents, id] });
  }
}
