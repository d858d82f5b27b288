import { EvidenceIdSchema, newId } from '../ids';
import type { Random } from '../ports';
import { EVIDENCE_ITEM_SCHEMA_VERSION, type EvidenceDraft } from '../records/evidence-item';
import type { Incident } from '../records/incident';
import type { ZonedDateTime } from '../records/zoned-time';
import type { EvidenceKind, Scene } from './demo-scenes';
import type { Prng } from './prng';

const MINUTE = 60_000;

interface EvidenceRun {
  readonly prng: Prng;
  readonly random: Random;
  readonly startMs: number;
  readonly zoned: (ms: number) => ZonedDateTime;
}

const MEDIA = {
  screenshot: { type: 'image/png', name: (d: string) => `Screenshot_${d}.png`, source: 'upload' },
  photo: { type: 'image/jpeg', name: (d: string) => `IMG_${d}.jpg`, source: 'camera' },
  video: { type: 'video/mp4', name: (d: string) => `doorbell-${d}.mp4`, source: 'share' },
  audio: { type: 'audio/mp4', name: (d: string) => `Voicemail_${d}.m4a`, source: 'upload' },
  document: { type: 'application/pdf', name: (d: string) => `email-${d}.pdf`, source: 'upload' },
} as const satisfies Record<
  EvidenceKind,
  { type: string; name: (d: string) => string; source: string }
>;

function describe(kind: EvidenceKind, scene: Scene, place: string): string {
  switch (kind) {
    case 'screenshot':
      return `Screenshot of the messages (${place}).`;
    case 'photo':
      return scene.item !== undefined
        ? `Photo of the item: ${scene.item.toLowerCase()}.`
        : `Photo taken at the time: ${place.toLowerCase()}.`;
    case 'video':
      return 'Doorbell camera clip shared by Mrs Patel (number 14).';
    case 'audio':
      return 'Voicemail saved from my phone.';
    case 'document':
      return 'The email, saved as a PDF with its full headers.';
  }
}

/** Metadata for a file the victim might have kept of this incident; no bytes. */
export function describeEvidence(
  run: EvidenceRun,
  scene: Scene,
  kind: EvidenceKind,
  incident: Incident,
): EvidenceDraft {
  const { prng, startMs, zoned } = run;
  const taken = zoned(startMs + prng.int(0, 10) * MINUTE);
  const stamp = taken.local.replace(/[-:]/g, '').replace('T', '_');
  const media = MEDIA[kind];
  const intakeMs = startMs + prng.int(15, 24 * 60) * MINUTE;
  const draft: EvidenceDraft = {
    schema: EVIDENCE_ITEM_SCHEMA_VERSION,
    id: newId(EvidenceIdSchema, run.random),
    mediaType: media.type,
    originalName: media.name(stamp),
    lastModified: new Date(startMs + 11 * MINUTE).toISOString(),
    intakeAt: new Date(intakeMs).toISOString(),
    source: media.source,
    description: describe(kind, scene, incident.location?.text ?? 'phone'),
    incidents: [incident.id],
  };
  if (kind === 'photo') {
    const [date = '', time = ''] = taken.local.split('T');
    draft.extracted = {
      takenAt: {
        raw: `${date.replaceAll('-', ':')} ${time}`,
        offset: taken.offset,
        source: 'exif',
      },
      device: 'Phone camera (rear)',
    };
    const coords = incident.location?.coords;
    if (coords !== undefined) draft.extracted.gps = coords;
  } else if (kind === 'video') {
    draft.extracted = {
      takenAt: { raw: new Date(startMs).toISOString(), source: 'video-container' },
      device: 'Doorbell camera',
    };
  }
  return draft;
}
