/**
 * The two pieces of the outside world the domain needs: time and randomness.
 * Apps pass real adapters; tests and the demo builder pass deterministic ones.
 */

/** A source of cryptographically strong random bytes (in production: `crypto.getRandomValues`). */
export interface Random {
  /** Returns `n` fresh random bytes. */
  bytes(n: number): Uint8Array;
}

/** The current time. */
export interface Clock {
  now(): Date;
}

/** An expected failure, as a value, with a reason a frightened person can act on. */
export type Result<T> = { readonly ok: true; readonly value: T } | Failure;

/** The failing half of {@link Result}. */
export interface Failure {
  readonly ok: false;
  readonly reason: string;
}
