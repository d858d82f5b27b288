import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../canonical-json';
import { CallRecordSchema } from '../records/call-record';
import { EvidenceDraftSchema } from '../records/evidence-item';
import { IncidentSchema } from '../records/incident';
import { PersonSchema } from '../records/person';
import { PhysicalItemSchema } from '../records/physical-item';
import { instantOf } from '../records/to-zoned-date-time';
import { behaviour } from '../taxonomy/behaviours';
import { buildDemoCasebook, type DemoOptions } from './build-demo-casebook';

const options: DemoOptions = {
  seed: 20250303,
  incidents: 42,
  weeks: 11,
  startDate: '2025-01-06',
  zone: 'Europe/London',
};

function expectAllValid(c: ReturnType<typeof buildDemoCasebook>) {
  const bad: string[] = [];
  const check = (
    kind: string,
    schema: { safeParse(v: unknown): { success: boolean } },
    list: unknown[],
  ) => {
    list.forEach((v, i) => {
      if (!schema.safeParse(v).success) bad.push(`${kind}[${i}]`);
    });
  };
  check('person', PersonSchema, c.people);
  check('incident', IncidentSchema, c.incidents);
  check('call', CallRecordSchema, c.calls);
  check('item', PhysicalItemSchema, c.items);
  check('evidence', EvidenceDraftSchema, c.evidence);
  expect(bad).toEqual([]);
}

describe('buildDemoCasebook', () => {
  it('is deterministic: the same seed gives byte-identical canonical JSON', () => {
    const a = canonicalJson(buildDemoCasebook(options));
    expect(canonicalJson(buildDemoCasebook(options))).toBe(a);
    expect(canonicalJson(buildDemoCasebook({ ...options, seed: 1 }))).not.toBe(a);
  });

  it('produces only valid records, with the cast the brief describes', () => {
    const c = buildDemoCasebook(options);
    expectAllValid(c);
    expect(c.incidents).toHaveLength(42);
    expect(c.people.map((p) => `${p.role}:${p.relationship}`)).toEqual([
      'offender:ex-partner',
      'offender:unknown',
      'witness:neighbour',
      'witness:colleague',
      'trusted-contact:family',
    ]);
    for (const p of c.people)
      for (const phone of p.phones) expect(phone).toMatch(/^07700 900\d{3}$/);
    expect(c.calls.some((call) => call.withheld)).toBe(true);
    expect(c.calls.some((call) => !call.answered)).toBe(true);
  });

  it('links only to records that exist', () => {
    const c = buildDemoCasebook(options);
    const people = new Set(c.people.map((p) => p.id));
    const incidents = new Set(c.incidents.map((i) => i.id));
    const evidence = new Set(c.evidence.map((e) => e.id));
    for (const i of c.incidents) {
      for (const p of i.people) expect(people).toContain(p);
      for (const e of i.evidence) expect(evidence).toContain(e);
    }
    for (const e of c.evidence) for (const i of e.incidents) expect(incidents).toContain(i);
    for (const item of c.items) for (const i of item.incidents) expect(incidents).toContain(i);
    expect(c.evidence.map((e) => e.exhibitRef)).toEqual(c.evidence.map((_, n) => `CB/${n + 1}`));
  });

  it('escalates: more often, more severe, and a first threat reported to the police', () => {
    const c = buildDemoCasebook({ ...options, incidents: 400, weeks: 20 });
    const times = c.incidents.map((i) => instantOf(i.when.start).getTime());
    expect(times).toEqual([...times].sort((x, y) => x - y));
    const half = (times[0] ?? 0) + ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 2;
    const early = c.incidents.filter((_, n) => (times[n] ?? 0) < half);
    const late = c.incidents.filter((_, n) => (times[n] ?? 0) >= half);
    expect(late.length).toBeGreaterThan(early.length * 1.5);
    const maxSeverity = (list: typeof early) =>
      Math.max(...list.flatMap((i) => i.behaviours.map((b) => behaviour(b).severity)));
    expect(maxSeverity(early)).toBeLessThanOrEqual(2);
    expect(maxSeverity(late)).toBe(4);
    const firstThreat = c.incidents.find((i) =>
      i.behaviours.some((b) => behaviour(b).group === 'threats'),
    );
    expect(firstThreat?.whatHappened).toMatch(/first time/);
    expect(firstThreat?.police).toMatchObject({ contacted: 'yes', method: '101' });
  });

  it('handles zero incidents and one week', () => {
    const c = buildDemoCasebook({ ...options, incidents: 0, weeks: 1 });
    expect(c.incidents).toEqual([]);
    expect(c.people).toHaveLength(5);
  });

  it('treats bad options as bugs', () => {
    expect(() => buildDemoCasebook({ ...options, weeks: 0 })).toThrow(RangeError);
    expect(() => buildDemoCasebook({ ...options, zone: 'Nowhere/Land' })).toThrow(RangeError);
    expect(() => buildDemoCasebook({ ...options, startDate: '6 Jan 2025' })).toThrow(RangeError);
  });

  // Its speed is measured in bench/unlock.ts, not timed here: this machine is too noisy.
  it('builds 10,000 valid incidents', () => {
    const big = buildDemoCasebook({ ...options, incidents: 10_000, weeks: 52 });
    expect(big.incidents).toHaveLength(10_000);
    expectAllValid(big);
  });
});
