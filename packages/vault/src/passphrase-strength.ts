/**
 * Passphrase strength: zxcvbn-ts (a real estimator, not a home-made rule) with one threshold,
 * used by the vault itself (create, change) and by every screen that asks for a passphrase, so
 * the page and the vault can never disagree. The dictionaries are large: loaded on first use.
 */
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/** zxcvbn scores 0–4; 3 means "safely unguessable: moderate protection from offline attack". */
export const MIN_PASSPHRASE_SCORE = 3;

export interface PassphraseStrength {
  readonly ok: boolean;
  /** A plain reason: why it is too weak and what to do, or that it is strong enough. */
  readonly message: string;
}

let factory: Promise<ZxcvbnFactory> | undefined;

function loadEstimator(): Promise<ZxcvbnFactory> {
  factory ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(
    ([core, common, en]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
      }),
  );
  return factory;
}

/** Starts loading the estimator early (e.g. when the first-run screen opens). */
export function preloadPassphraseEstimator(): void {
  void loadEstimator();
}

function ensureStop(s: string): string {
  return /[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`;
}

export async function assessPassphrase(
  passphrase: string,
  context: readonly string[] = [],
): Promise<PassphraseStrength> {
  if (passphrase.trim().length === 0) return { ok: false, message: 'Enter a passphrase.' };
  const zxcvbn = await loadEstimator();
  const result = zxcvbn.check(passphrase, ['casebook', 'notes', ...context]);
  if (result.score >= MIN_PASSPHRASE_SCORE) {
    return { ok: true, message: 'This passphrase is strong enough.' };
  }
  const why = result.feedback.warning ?? 'This would be too easy for someone to guess.';
  const tip = result.feedback.suggestions[0] ?? 'Add more words, or use "Suggest a passphrase".';
  return { ok: false, message: `Too easy to guess. ${ensureStop(why)} ${ensureStop(tip)}` };
}

/** Thrown by the vault when asked to use a passphrase the estimator calls weak. */
export class WeakPassphraseError extends Error {
  override name = 'WeakPassphraseError';
}
