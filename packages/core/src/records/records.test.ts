import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  fullCall,
  fullEvidence,
  fullIncident,
  fullItem,
  fullPerson,
  minimalCall,
  minimalEvidence,
  minimalIncident,
  minimalItem,
  minimalPerson,
} from '../testing/fixtures';
import { validate } from '../validate';
import { CallRecordSchema } from './call-record';
import { EvidenceDraftSchema, EvidenceItemSchema } from './evidence-item';
import { IncidentSchema } from './incident';
import { PersonSchema } from './person';
import { PhysicalItemSchema } from './physical-item';

const cases: [string, z.ZodType, () => object, () => object][] = [
  ['incident', IncidentSchema, minimalIncident, fullIncident],
  ['person', PersonSchema, minimalPerson, fullPerson],
  ['call', CallRecordSchema, minimalCall, fullCall],
  ['item', PhysicalItemSchema, minimalItem, fullItem],
  ['evidence', EvidenceItemSchema, minimalEvidence, fullEvidence],
];

/** The reason a value fails, or a marker that it passed (so the test fails readably). */
function reasonFor(schema: z.ZodType, value: unknown): string {
  const r = validate(schema, value);
  return r.ok ? 'PASSED' : r.reason;
}

describe.each(cases)('%s schema', (_kind, schema, minimal, full) => {
  it('accepts a minimal record and a full one unchanged', () => {
    expect(validate(schema, minimal())).toEqual({ ok: true, value: minimal() });
    expect(validate(schema, full())).toEqual({ ok: true, value: full() });
  });

  it('rejects a missing version, a future version and unknown fields', () => {
    const { schema: _v, ...noVersion } = { ...minimal(), schema: 1 };
    expect(reasonFor(schema, noVersion)).not.toBe('PASSED');
    expect(reasonFor(schema, { ...minimal(), schema: 2 })).not.toBe('PASSED');
    expect(reasonFor(schema, { ...minimal(), surprise: true })).toMatch(/surprise/);
  });

  it('rejects a bad id', () => {
    expect(reasonFor(schema, { ...minimal(), id: 'short' })).toMatch(/not a valid Casebook id/);
  });
});

describe('incident', () => {
  it('requires something to be written in what happened', () => {
    expect(reasonFor(IncidentSchema, { ...minimalIncident(), whatHappened: '   \n' })).toBe(
      'What happened: Write a few words about what happened.',
    );
  });

  it('turns a huge paste into a validation error, not a crash', () => {
    const huge = 'x'.repeat(100_001);
    expect(reasonFor(IncidentSchema, { ...minimalIncident(), whatHappened: huge })).toMatch(
      /too long.*100,000/,
    );
    expect(
      reasonFor(IncidentSchema, { ...minimalIncident(), whatHappened: 'x'.repeat(100_000) }),
    ).toBe('PASSED');
  });

  it('checks dates, zones, offsets and coordinates', () => {
    const when = (start: object) => ({ ...minimalIncident(), when: { start, approximate: false } });
    const start = minimalIncident().when.start;
    expect(reasonFor(IncidentSchema, when({ ...start, local: '2025-02-29T10:00' }))).toBe(
      'When › Start › Date and time: Enter a real date and time, like 2025-03-03T14:05.',
    );
    expect(reasonFor(IncidentSchema, when({ ...start, local: '2024-02-29T23:59:59.5' }))).toBe(
      'PASSED',
    );
    expect(reasonFor(IncidentSchema, when({ ...start, local: '2025-03-03T24:00' }))).not.toBe(
      'PASSED',
    );
    expect(reasonFor(IncidentSchema, when({ ...start, zone: 'Europe/Narnia' }))).toMatch(
      /Time zone: This time zone is not recognised/,
    );
    expect(reasonFor(IncidentSchema, when({ ...start, offset: '+15:00' }))).toMatch(/UTC offset/);
    const coords = { lat: 91, lng: 0 };
    expect(reasonFor(IncidentSchema, { ...minimalIncident(), location: { coords } })).toMatch(
      /Latitude must be between -90 and 90/,
    );
  });

  it('names unknown behaviours in plain words', () => {
    expect(reasonFor(IncidentSchema, { ...minimalIncident(), behaviours: ['stalking'] })).toBe(
      'Behaviours (item 1): Choose a behaviour from the list.',
    );
  });

  it('allows optional fields to be absent, as exactOptionalPropertyTypes expects', () => {
    const incident = fullIncident();
    delete incident.police;
    delete incident.when.end;
    expect(IncidentSchema.safeParse(incident).success).toBe(true);
  });
});

describe('call record', () => {
  it('needs a number unless the call was withheld, and none if it was', () => {
    expect(reasonFor(CallRecordSchema, { ...minimalCall(), withheld: false })).toBe(
      'Number: Enter the number that called, or mark the call as withheld.',
    );
    expect(reasonFor(CallRecordSchema, { ...minimalCall(), number: '07700 900481' })).toMatch(
      /withheld call has no number/,
    );
    expect(reasonFor(CallRecordSchema, { ...minimalCall(), durationSeconds: -1 })).toMatch(
      /cannot be negative/,
    );
  });
});

describe('evidence item', () => {
  it('checks the hash and exhibit reference', () => {
    expect(reasonFor(EvidenceItemSchema, { ...minimalEvidence(), sha256: 'ABC' })).toMatch(
      /64 lower-case hex/,
    );
    expect(reasonFor(EvidenceItemSchema, { ...minimalEvidence(), exhibitRef: 'ab-3' })).toBe(
      'Exhibit reference: Write the exhibit reference like AB/3.',
    );
    expect(reasonFor(EvidenceItemSchema, { ...minimalEvidence(), intakeAt: 'yesterday' })).toMatch(
      /2025-03-03T14:05:00Z/,
    );
  });

  it('has a draft form without the file fields', () => {
    const { blobId: _b, sha256: _s, size: _z, ...draft } = fullEvidence();
    expect(reasonFor(EvidenceDraftSchema, draft)).toBe('PASSED');
    expect(reasonFor(EvidenceItemSchema, draft)).not.toBe('PASSED');
  });
});
