import type { EvidenceItem } from '@casebook/core';
import { describe, expect, it } from 'vitest';
import {
  type EvidenceFilter,
  evidenceMatches,
  evidenceType,
  isFilteringEvidence,
  localDay,
  NO_EVIDENCE_FILTER,
} from './evidence-filter';

const item = (over: Record<string, unknown>): EvidenceItem =>
  ({
    schema: 1,
    id: 'e1',
    blobId: 'b1',
    sha256: 'a'.repeat(64),
    size: 10,
    mediaType: 'image/jpeg',
    originalName: 'IMG_1.jpg',
    intakeAt: '2026-03-10T12:00:00.000Z',
    source: 'upload',
    incidents: [],
    ...over,
  }) as unknown as EvidenceItem;

const photo = item({ id: 'p', exhibitRef: 'AB/1', description: 'Car outside the house' });
const tenth = item({ id: 't', exhibitRef: 'AB/10', mediaType: 'video/mp4', originalName: 'v.mp4' });
const letter = item({
  id: 'l',
  exhibitRef: 'CD/2',
  mediaType: 'application/pdf',
  originalName: 'letter.pdf',
  intakeAt: '2026-04-02T12:00:00.000Z',
  incidents: ['inc1'],
});
const all = [photo, tenth, letter];
const labels = (id: string) => (id === 'inc1' ? 'Mon 30 Mar 2026: Letter on the mat' : undefined);
const ids = (f: Partial<EvidenceFilter>) =>
  all.filter((i) => evidenceMatches(i, { ...NO_EVIDENCE_FILTER, ...f }, labels)).map((i) => i.id);

describe('evidence filter', () => {
  it('sorts media types into the five kinds', () => {
    expect(evidenceType('image/heic')).toBe('image');
    expect(evidenceType('video/quicktime')).toBe('video');
    expect(evidenceType('audio/mp4')).toBe('audio');
    expect(evidenceType('application/pdf')).toBe('document');
    expect(evidenceType('text/plain')).toBe('document');
    expect(evidenceType('application/zip')).toBe('other');
  });

  it('lets everything through when nothing is asked', () => {
    expect(isFilteringEvidence(NO_EVIDENCE_FILTER)).toBe(false);
    expect(ids({})).toEqual(['p', 't', 'l']);
    expect(isFilteringEvidence({ ...NO_EVIDENCE_FILTER, ref: ' ' })).toBe(false);
  });

  it('filters by type, linked incident and date added', () => {
    expect(ids({ type: 'video' })).toEqual(['t']);
    expect(ids({ type: 'document' })).toEqual(['l']);
    expect(ids({ incident: 'inc1' })).toEqual(['l']);
    expect(ids({ from: localDay('2026-04-01T12:00:00.000Z') })).toEqual(['l']);
    expect(ids({ to: localDay('2026-03-31T12:00:00.000Z') })).toEqual(['p', 't']);
  });

  it('matches a whole exhibit reference exactly, initials as a prefix', () => {
    expect(ids({ ref: 'ab/1' })).toEqual(['p']);
    expect(ids({ ref: 'AB' })).toEqual(['p', 't']);
    expect(ids({ ref: 'AB/' })).toEqual(['p', 't']);
    expect(ids({ ref: 'A' })).toEqual([]);
    expect(ids({ ref: 'ZZ/1' })).toEqual([]);
  });

  it('searches words in the name, description, reference and linked incidents', () => {
    expect(ids({ text: 'outside CAR' })).toEqual(['p']);
    expect(ids({ text: 'mat letter' })).toEqual(['l']);
    expect(ids({ text: 'v.mp4' })).toEqual(['t']);
    expect(ids({ text: 'nothing-like-this' })).toEqual([]);
  });
});
