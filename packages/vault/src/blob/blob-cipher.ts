import type { BlobVersion } from './blob-header';
import { type ChunkOpener, type ChunkSealer, openChunk, sealChunk } from './chunk-cipher';
import { derivePayloadKey } from './payload-key';

/**
 * One blob's chunks under its payload key: AES-256-GCM as `sealChunk` and `openChunk` do it,
 * with the key held inside, so it only ever reaches the primitives of the backend that made it.
 */
export interface BlobCipher {
  readonly seal: (
    header: Uint8Array,
    index: number,
    plaintext: Uint8Array,
    isLast: boolean,
  ) => Uint8Array | Promise<Uint8Array>;
  readonly open: (
    header: Uint8Array,
    index: number,
    ciphertext: Uint8Array,
    isLast: boolean,
  ) => Uint8Array | undefined | Promise<Uint8Array | undefined>;
}

/**
 * How evidence chunks are encrypted: `forBlob` derives a blob's payload key (see
 * `derivePayloadKey`; refuses the same DEKs and versions) and pairs it with its AES-256-GCM.
 * WebCrypto's (`webCryptoChunkCipher`) unless given; the CLI gives node:crypto's, the same bytes.
 * Make one with `chunkCipher`.
 */
export interface ChunkCipher {
  readonly forBlob: (
    dek: Uint8Array,
    salt: Uint8Array,
    version: BlobVersion,
  ) => Promise<BlobCipher>;
}

/** One backend's payload-key derivation and AES-256-GCM over its own key type `K`. */
export interface ChunkBackend<K> {
  readonly deriveKey: (dek: Uint8Array, salt: Uint8Array, version: BlobVersion) => K | Promise<K>;
  readonly seal: ChunkSealer<K>;
  readonly open: ChunkOpener<K>;
}

/**
 * A `ChunkCipher` from one backend: `K` ties its three parts together, and the key it derives
 * stays inside the `BlobCipher`, so one backend's key never reaches another's primitive.
 */
export function chunkCipher<K>(backend: ChunkBackend<K>): ChunkCipher {
  return {
    forBlob: async (dek, salt, version) => {
      const key = await backend.deriveKey(dek, salt, version);
      return {
        seal: (header, index, plaintext, isLast) =>
          backend.seal(key, header, index, plaintext, isLast),
        open: (header, index, ciphertext, isLast) =>
          backend.open(key, header, index, ciphertext, isLast),
      };
    },
  };
}

/** WebCrypto's: a non-extractable CryptoKey from `derivePayloadKey`, `sealChunk`, `openChunk`. */
export const webCryptoChunkCipher: ChunkCipher = chunkCipher({
  deriveKey: derivePayloadKey,
  seal: sealChunk,
  open: openChunk,
});
