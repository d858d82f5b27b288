/**
 * Evidence file formats v1 and v2: STREAM over AES-256-GCM with the file's SHA-256; v2 pads the
 * plaintext (Padmé) so the stored size hides the exact one. See FORMAT.md.
 */
export {
  type BlobCipher,
  type ChunkBackend,
  type ChunkCipher,
  chunkCipher,
  webCryptoChunkCipher,
} from './blob-cipher';
export {
  BlobHeaderError,
  type BlobHeaderProblem,
  BlobIntegrityError,
  type BlobIntegrityProblem,
} from './blob-errors';
export {
  type BlobFileParts,
  blobFileLength,
  decryptBlobFile,
  readBlobFile,
  writeBlobFile,
} from './blob-file';
export {
  BLOB_HEADER_LENGTH,
  BLOB_ID_LENGTH,
  BLOB_SALT_LENGTH,
  BLOB_VERSION,
  BLOB_VERSION_1,
  BLOB_VERSION_2,
  type BlobHeader,
  type BlobVersion,
  DEFAULT_CHUNK_SIZE,
  encodeBlobHeader,
  isBlobVersion,
  MAX_CHUNK_SIZE,
  type ParseBlobHeaderResult,
  parseBlobHeader,
} from './blob-header';
export type { ByteSource } from './byte-source';
export {
  type ChunkOpener,
  type ChunkSealer,
  openChunk,
  sealChunk,
  TAG_LENGTH,
} from './chunk-cipher';
export { type ChunkLayout, chunkLayout } from './chunk-layout';
export { chunkNonce } from './chunk-nonce';
export { type DecryptRangeOptions, decryptRange } from './decrypt-range';
export { type DecryptBlobOptions, decryptBlob, decryptChunk } from './decrypt-stream';
export { type EncryptBlobOptions, type EncryptedBlobItem, encryptBlob } from './encrypt-stream';
export { MIN_PADDED_LENGTH, paddedLength, padme } from './padme';
export { DEK_LENGTH, derivePayloadKey, payloadKeyInfo } from './payload-key';
export {
  nobleSha256,
  type PipelinedSha256Hasher,
  type PipelinedSha256HasherFactory,
  type Sha256Hasher,
  type Sha256HasherFactory,
} from './sha256-hasher';
export { storedChunkCount, storedPlaintextLength } from './stored-length';
export { unpadChunk } from './unpad-chunk';
