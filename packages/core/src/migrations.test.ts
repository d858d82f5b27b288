import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { emptySafetyPlan } from './guidance/safety-plan';
import { createMigration, type MigrationStep } from './migrations';
import { migrate } from './record-migrations';
import { fullIncident, minimalEvidence } from './testing/fixtures';

const Fake = z.strictObject({ schema: z.literal(3), trail: z.array(z.string()) });

describe('migration chains', () => {
  it('runs every step in order, from the stored version up to the current one', () => {
    const step = (from: number): MigrationStep => ({
      from,
      up: (v) => ({
        ...v,
        trail: [...z.array(z.string()).parse(v.trail ?? []), `${from}->${from + 1}`],
      }),
    });
    // Registered out of order on purpose: the chain sorts them.
    const run = createMigration({
      kind: 'fake',
      current: 3,
      schema: Fake,
      steps: [step(2), step(0), step(1)],
    });
    expect(run({ schema: 0 })).toEqual({
      ok: true,
      value: { schema: 3, trail: ['0->1', '1->2', '2->3'] },
    });
    expect(run({ schema: 2, trail: [] })).toEqual({
      ok: true,
      value: { schema: 3, trail: ['2->3'] },
    });
    expect(run({ schema: 3, trail: [] })).toEqual({ ok: true, value: { schema: 3, trail: [] } });
  });

  it('would run a v0 -> v1 incident step before validating', () => {
    const { whatHappened, ...rest } = fullIncident();
    const v0 = { ...rest, schema: 0, narrative: whatHappened };
    const run = createMigration({
      kind: 'incident',
      current: 1,
      schema: z.object({ schema: z.literal(1), whatHappened: z.string() }),
      steps: [{ from: 0, up: ({ narrative, ...v }) => ({ ...v, whatHappened: narrative }) }],
    });
    expect(run(v0)).toMatchObject({ ok: true, value: { schema: 1, whatHappened } });
  });

  it('rejects a chain with a gap, or one that stops short, at start-up', () => {
    const noop = (from: number): MigrationStep => ({ from, up: (v) => v });
    expect(() =>
      createMigration({ kind: 'fake', current: 3, schema: Fake, steps: [noop(0), noop(2)] }),
    ).toThrow(/gap: expected a step from v1, found v2/);
    expect(() =>
      createMigration({
        kind: 'fake',
        current: 3,
        schema: Fake,
        steps: [noop(0), noop(1), noop(1)],
      }),
    ).toThrow(/gap/);
    expect(() =>
      createMigration({ kind: 'fake', current: 3, schema: Fake, steps: [noop(0)] }),
    ).toThrow(/ends at v1, not v3/);
  });

  it('refuses versions it cannot reach, as values with plain reasons', () => {
    const run = createMigration({
      kind: 'fake',
      current: 3,
      schema: Fake,
      steps: [
        { from: 1, up: (v) => v },
        { from: 2, up: (v) => v },
      ],
    });
    expect(run({ schema: 0 })).toEqual({
      ok: false,
      reason: expect.stringMatching(/too old to read \(v0\)/),
    });
    expect(run({ schema: 4 })).toEqual({
      ok: false,
      reason: expect.stringMatching(/newer version of Casebook/),
    });
    expect(run({})).toEqual({ ok: false, reason: expect.stringMatching(/version is missing/) });
    expect(run('text')).toEqual({ ok: false, reason: expect.stringMatching(/damaged/) });
    expect(run({ schema: 1.5 })).toEqual({
      ok: false,
      reason: expect.stringMatching(/version is missing/),
    });
  });
});

describe('production migrate', () => {
  it('accepts current records and validates them', () => {
    expect(migrate('incident', fullIncident())).toEqual({ ok: true, value: fullIncident() });
    expect(migrate('evidence', minimalEvidence())).toEqual({ ok: true, value: minimalEvidence() });
  });

  it('reads risk assessments and the safety plan, and refuses a damaged one', () => {
    const risk = {
      schema: 1,
      id: 'r'.padEnd(22, '_'),
      assessedAt: '2026-03-03T10:00:00.000Z',
      answers: { 'very-frightened': { answer: 'yes', note: 'Since the card' } },
    };
    expect(migrate('risk', risk)).toEqual({ ok: true, value: risk });
    const plan = emptySafetyPlan(new Date('2026-03-03T10:00:00Z'));
    expect(migrate('safety-plan', plan)).toEqual({ ok: true, value: plan });
    const bad = migrate('risk', { ...risk, answers: { 'very-frightened': { answer: 'maybe' } } });
    expect(bad.ok).toBe(false);
    expect(migrate('safety-plan', { ...plan, schema: 2 })).toEqual({
      ok: false,
      reason:
        'This safety plan was saved by a newer version of Casebook. Update Casebook to open it.',
    });
  });

  it('explains what is wrong with a damaged record', () => {
    const r = migrate('incident', { ...fullIncident(), whatHappened: '' });
    expect(r).toEqual({
      ok: false,
      reason:
        'This incident could not be read after upgrading it:\nWhat happened: Write a few words about what happened.',
    });
    expect(migrate('person', { schema: 0 })).toEqual({
      ok: false,
      reason: expect.stringMatching(/too old/),
    });
  });
});
