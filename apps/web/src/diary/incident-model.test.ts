import { IncidentSchema, migrate } from '@casebook/core';
import { describe, expect, it } from 'vitest';
import { draftFrom, emptyDraft, incidentFromDraft } from './incident-model';

describe('incident form model', () => {
  it('a quick add (only "What happened") is a valid incident', () => {
    const result = incidentFromDraft({
      ...emptyDraft(),
      zone: 'Europe/London',
      whatHappened: 'Rang twice',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(IncidentSchema.safeParse(result.incident).success).toBe(true);
    expect(result.incident).not.toHaveProperty('location');
    expect(result.incident).not.toHaveProperty('police');
  });

  it('refuses a blank "What happened" and half coordinates', () => {
    const result = incidentFromDraft({ ...emptyDraft(), whatHappened: '  ', lat: '51.5' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['coords', 'whatHappened']);
  });

  it('every field survives form → incident → form → incident', () => {
    const draft = {
      ...emptyDraft(),
      zone: 'Europe/London',
      whatHappened: 'Followed me',
      start: '2026-03-29T01:30', // the hour the clocks go forward in the UK
      end: '2026-03-29T03:10',
      approximate: true,
      locationText: 'High Street',
      placeType: 'street',
      lat: '51.45',
      lng: '-2.58',
      behaviours: ['following', 'staring'],
      channel: 'in-person',
      looked: 'Tall',
      sounded: 'Loud',
      wore: 'Red coat',
      vehicleMake: 'Ford',
      vehicleModel: 'Ka',
      vehicleColour: 'Blue',
      vehiclePlate: 'AB1',
      witnesses: [{ name: 'Jo', contact: '0770' }],
      policeContacted: 'yes',
      policeMethod: '101',
      policeWhatTheyDid: 'Advice',
      policeReference: 'R1',
      policeOfficer: 'PC 1',
      impact: 'Scared',
      changesMade: 'New route',
      impactOnOthers: 'Kids upset',
    };
    const first = incidentFromDraft(draft);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(migrate('incident', first.incident).ok).toBe(true);
    const second = incidentFromDraft(draftFrom(first.incident));
    expect(second.ok && second.incident).toEqual(first.incident);
  });
});
