import type { z } from 'zod';
import type { Result } from './ports';
import { validate } from './validate';

/** A stored value being upgraded: any JSON object carrying a `schema` version number. */
export type Versioned = { readonly schema: number } & Readonly<Record<string, unknown>>;

/** One step of a chain: turns a version-`from` value into a version-`from + 1` value. */
export interface MigrationStep {
  readonly from: number;
  /** Returns the upgraded fields; the chain sets `schema` to `from + 1` itself. */
  up(value: Versioned): Record<string, unknown>;
}

/** Everything needed to bring one record kind up to date. */
export interface MigrationChain<T> {
  readonly kind: string;
  readonly current: number;
  readonly schema: z.ZodType<T>;
  /** Contiguous steps ending at `current - 1`; empty while `current` is the first version. */
  readonly steps: readonly MigrationStep[];
}

/**
 * Builds the migrate function for one record kind. A chain with a gap, a duplicate, or steps
 * that do not end at the current version is a bug and throws at start-up, not at read time.
 */
export function createMigration<T>(chain: MigrationChain<T>): (value: unknown) => Result<T> {
  const sorted = [...chain.steps].sort((a, b) => a.from - b.from);
  const oldest = sorted[0]?.from ?? chain.current;
  sorted.forEach((step, i) => {
    if (step.from !== oldest + i) {
      throw new TypeError(
        `Migration chain for ${chain.kind} has a gap: expected a step from v${oldest + i}, found v${step.from}`,
      );
    }
  });
  if (sorted.length > 0 && oldest + sorted.length !== chain.current) {
    throw new TypeError(
      `Migration chain for ${chain.kind} ends at v${oldest + sorted.length}, not v${chain.current}`,
    );
  }

  return (input) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return { ok: false, reason: `This ${chain.kind} record is damaged: it is not a record.` };
    }
    const version: unknown = 'schema' in input ? input.schema : undefined;
    if (typeof version !== 'number' || !Number.isInteger(version)) {
      return { ok: false, reason: `This ${chain.kind} record is damaged: its version is missing.` };
    }
    if (version > chain.current) {
      return {
        ok: false,
        reason: `This ${chain.kind} was saved by a newer version of Casebook. Update Casebook to open it.`,
      };
    }
    if (version < oldest) {
      return {
        ok: false,
        reason: `This ${chain.kind} was saved by a version of Casebook too old to read (v${version}).`,
      };
    }
    let value: Versioned = { ...input, schema: version };
    for (const step of sorted.slice(version - oldest)) {
      value = { ...step.up(value), schema: step.from + 1 };
    }
    const checked = validate(chain.schema, value);
    if (checked.ok) return checked;
    return {
      ok: false,
      reason: `This ${chain.kind} could not be read after upgrading it:\n${checked.reason}`,
    };
  };
}
