export type { Change, Countersigned, DeviceListing } from './answers';
export { fromBase64, toBase64, toBase64Url } from './base64';
export {
  countersignatureHolds,
  type Ed25519Verify,
  flatCanonicalJson,
  sha256Hex,
  webCryptoVerify,
} from './countersignature';
export { contentDigest, type RequestSigner, randomNonce, signRequest } from './sign-request';
export {
  type Enrolled,
  type FetchLike,
  MAX_HISTORY_PAGE,
  MAX_PUSH_ENVELOPES,
  SyncClient,
  type SyncClientOptions,
  type SyncResult,
} from './sync-client';
