/**
 * Messages between the vault worker and its hash worker (one file per hash worker). Besides
 * the SHA-256 of every chunk, the hash worker seals the chunks it is sent to seal, so that
 * AES-GCM (which WebCrypto runs on the calling thread) uses a second core.
 */
export type HashRequest =
  /** The first `length` bytes of `bytes` are the next part of the file. */
  | { readonly type: 'update'; readonly bytes: ArrayBuffer; readonly length: number }
  | { readonly type: 'digest' }
  /** The file's payload key (non-extractable) and blob header, for the seals that follow. */
  | { readonly type: 'key'; readonly key: CryptoKey; readonly header: Uint8Array }
  /** Seal the first `length` bytes of `bytes` as chunk `index` under the last key sent. */
  | {
      readonly type: 'seal';
      readonly bytes: ArrayBuffer;
      readonly length: number;
      readonly index: number;
      readonly isLast: boolean;
    };

export type HashReply =
  | { readonly type: 'ready' }
  /** The buffer of an update, handed back for reuse. */
  | { readonly type: 'ack'; readonly bytes: ArrayBuffer }
  | { readonly type: 'digest'; readonly digest: Uint8Array }
  /** Chunk `index` sealed; `bytes` is the plaintext buffer, handed back for reuse. */
  | {
      readonly type: 'sealed';
      readonly index: number;
      readonly ciphertext: ArrayBuffer;
      readonly bytes: ArrayBuffer;
    }
  | { readonly type: 'failed' };
