import { describe, expect, it } from 'vitest';
import { z } from 'zod';
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
