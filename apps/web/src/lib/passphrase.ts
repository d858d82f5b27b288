/**
 * Passphrase strength comes from the vault (the one estimator it also enforces on create and
 * change, so a screen can never accept what the vault refuses), and a generated multi-word
 * suggestion. The estimator's dictionaries are large, so they load only when first asked.
 */
import {
  assessPassphrase as assessWithVault,
  type PassphraseStrength,
  preloadPassphraseEstimator,
} from '@casebook/vault';

const WORDS_IN_SUGGESTION = 6;

export type Strength = PassphraseStrength;

/** Starts loading the estimator early (e.g. when the first-run screen opens). */
export function preloadEstimator(): void {
  preloadPassphraseEstimator();
}

export function assessPassphrase(passphrase: string, context: string[] = []): Promise<Strength> {
  return assessWithVault(passphrase, context);
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
