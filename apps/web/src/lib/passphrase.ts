/**
 * Passphrase strength (zxcvbn-ts, a real estimator, not a home-made rule) and a generated
 * multi-word suggestion. The dictionaries are large, so they load only on the screens that
 * ask for a new passphrase.
 */
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/** zxcvbn scores 0–4; 3 means "safely unguessable: moderate protection from offline attack". */
const MIN_SCORE = 3;
const WORDS_IN_SUGGESTION = 6;

export interface Strength {
  readonly ok: boolean;
  /** A plain reason, e.g. why it is too weak, or that it is strong enough. */
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
export function preloadEstimator(): void {
  void loadEstimator();
}

export async function assessPassphrase(
  passphrase: string,
  context: string[] = [],
): Promise<Strength> {
  if (passphrase.trim().length === 0) {
    return { ok: false, message: 'Enter a passphrase.' };
  }
  const zxcvbn = await loadEstimator();
  const result = zxcvbn.check(passphrase, ['casebook', 'notes', ...context]);
  if (result.score >= MIN_SCORE) {
    return { ok: true, message: 'This passphrase is strong enough.' };
  }
  const why = result.feedback.warning ?? 'This would be too easy for someone to guess.';
  const tip = result.feedback.suggestions[0] ?? 'Add more words, or use "Suggest a passphrase".';
  return { ok: false, message: `Too easy to guess. ${ensureStop(why)} ${ensureStop(tip)}` };
}

function ensureStop(s: string): string {
  return /[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`;
}

/** A uniformly random integer in [0, n) for n a power of two up to 2^16. */
function randomIndex(n: number): number {
  const buf = new Uint16Array(1);
  crypto.getRandomValues(buf);
  return (buf[0] ?? 0) % n;
}

/**
 * Six words from the BIP-39 English list (2,048 common, distinct words): 66 bits of
 * randomness, from crypto.getRandomValues. 2,048 divides 65,536, so there is no bias.
 */
export async function suggestPassphrase(words = WORDS_IN_SUGGESTION): Promise<string> {
  const { wordlist } = await import('@scure/bip39/wordlists/english.js');
  const picked: string[] = [];
  for (let i = 0; i < words; i++) picked.push(wordlist[randomIndex(wordlist.length)] ?? '');
  return picked.join(' ');
}
