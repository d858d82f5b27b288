/** Sync of one casebook between its devices (apps/server/PROTOCOL.md): the vault's side. */

export { type Applied, applyIncoming } from './apply';
export { type Conflict, findConflicts, type RevisionFrom } from './conflicts';
export {
  anchorHolds,
  cursorAfterPull,
  cursorAfterPush,
  headsHold,
  headsOf,
  type SyncCursor,
  SyncCursorSchema,
} from './cursor';
export {
  checkIncoming,
  type Incoming,
  type IncomingRefusal,
  type RemoteRevision,
} from './incoming';
export {
  DEVICE_PART_LENGTH,
  extendLinkCode,
  type LinkCode,
  normaliseLinkCode,
  readLinkCode,
  SERVER_CODE_LENGTH,
} from './link-code';
export {
  forgetLinkingKey,
  LINK_PACKAGE_BLOCK,
  LINK_PACKAGE_VERSION,
  type LinkPackage,
  newDeviceFromLink,
  newLinkingKey,
  openLinkPackage,
  sealLinkPackage,
} from './link-package';
export { copyToNewDevice } from './new-device';
export { chainId, historyToConfirm, outgoingChanges, ownEntries } from './outgoing';
export { listConflicts, type ResolveRefusal, recordHistory, resolveConflict } from './resolve';
export {
  type Confirmed,
  type ServerAnswer,
  type ServerChange,
  type SyncProblem,
  type SyncRoundInput,
  type SyncRoundOutcome,
  type SyncServerPort,
  type SyncStage,
  syncRound,
} from './round';
export { type Countersigned, describeStanding, type Standing, standing } from './server-history';
export { parseSyncChange, type SyncChange } from './sync-change';
export {
  openSyncEnvelope,
  type SealedChange,
  SYNC_ENVELOPE_BLOCK,
  sealSyncEnvelope,
} from './sync-envelope';
export { type ChunkServerPort, chunkIds } from './sync-files';
