import type { Incident } from '@casebook/core';
import { describe, expect, it } from 'vitest';
import { describeIncident, shorten } from './labels';

describe('shorten', () => {
  it('keeps short text whole', () => {
    expect(shorten('Man in a grey top', 40)).toBe('Man in a grey top');
  });

  it('cuts at a word boundary without trailing punctuation, and says it was cut', () => {
    const text = 'Man, perhaps in his 30s, stocky, beard, usually a black cap and grey hooded top.';
    expect(shorten(text, 40)).toBe('Man, perhaps in his 30s, stocky, beard…');
  });

  it('cuts a single long word at the limit', () => {
    expect(shorten('a'.repeat(50), 10)).toBe(`${'a'.repeat(10)}…`);
  });
});

describe('describeIncident', () => {
  const evidenceLine = (count: number) => {
    const incident = {
      schema: 1,
      id: 'incident-id-0000000000',
      when: { start: { local: '2025-03-03T14:05', zone: 'Europe/London', offset: '+00:00' } },
      whatHappened: 'He was outside my flat again.',
      behaviours: [],
      people: [],
      evidence: Array.from({ length: count }, (_, i) => `evidence-id-${i}`),
      witnesses: [],
    } as unknown as Incident;
    return describeIncident(incident, new Map()).find((line) => line.label === 'Evidence')?.value;
  };

  it('counts linked evidence in plain words', () => {
    expect(evidenceLine(0)).toBeUndefined();
    expect(evidenceLine(1)).toBe('1 evidence item linked');
    expect(evidenceLine(3)).toBe('3 evidence items linked');
  });
});
