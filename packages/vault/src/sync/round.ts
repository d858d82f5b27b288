/**
 * One sync of this device with the server, the same for every app: pull from where the last
 * sync left off (everything again when that cannot be trusted, saying why), check what came
 * in, take it in, let the app keep it durably, push this device's changes the server lacks,
 * and have the server countersign the history. The server is reached through a port that
 * `@casebook/sync`'s `SyncClient` fills (the vault never imports the protocol client: the
 * apps put the two together). Every step after a failure is skipped; the answer says which
 * step failed and whether what came in was kept, so the app can say where things stand.
 */
import type { Sha256HasherFactory } from '../blob/sha256-hasher';
import { fromBase64 } from '../encoding';
import { BLOB_KIND, type FileManifest, FileManifestSchema } from '../files';
import type { VaultInternals } from '../vault-internals';
import { applyIncoming, purgedHere } from './apply';
import {
  anchorHolds,
  cursorAfterPull,
  cursorAfterPush,
  headsHold,
  headsOf,
  type SyncCursor,
} from './cursor';
import { checkIncoming } from './incoming';
import { historyToConfirm, outgoingChanges } from './outgoing';
import { type Countersigned, describeStanding, standing } from './server-history';
import { sealSyncEnvelope } from './sync-envelope';
import { type ChunkServerPort, fetchFile, heldFiles, manifestOf, uploadFiles } from './sync-files';

/** A server's answer: what the protocol client returns (its failures carry more fields). */
export type ServerAnswer<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** A change as the server numbered it; `data` is base64 of the sealed envelope. */
export interface ServerChange {
  readonly seq: number;
  readonly id: string;
  readonly data: string;
}

/**
 * What a sync needs of the server (each answer already checked by the client); the chunk
 * calls (`putChunk`, `getChunk`, `missingChunks`) carry evidence files.
 */
export interface SyncServerPort extends ChunkServerPort {
  /** This device's id on the server (its countersignatures name it). */
  readonly deviceId: string;
  pull(since: number): Promise<ServerAnswer<{ readonly changes: readonly ServerChange[] }>>;
  push(
    envelopes: readonly { id: string; data: Uint8Array }[],
  ): Promise<ServerAnswer<{ readonly head: number; readonly seqs: ReadonlyMap<string, number> }>>;
  checkpoints(): Promise<ServerAnswer<{ readonly checkpoints: readonly Countersigned[] }>>;
  postHistory(input: {
    chain: string;
    from: number;
    hashes: readonly string[];
    checkpoint: Uint8Array;
  }): Promise<ServerAnswer<Countersigned>>;
}

export type Confirmed = NonNullable<SyncCursor['confirmed']>;

export interface SyncRoundInput {
  readonly internals: VaultInternals;
  readonly server: SyncServerPort;
  /** Where the last sync left off, if the app kept it. */
  readonly cursor: SyncCursor | undefined;
  /**
   * Called once, when something came in, after it is in the vault's store and before anything
   * is sent, with the cursor as it then stands: the CLI writes its new casebook file here. A
   * store whose commit is durable (IndexedDB) needs nothing. A failure stops the sync there.
   */
  readonly keepIncoming?: (
    cursor: SyncCursor | undefined,
  ) => Promise<{ ok: true } | { ok: false; message: string }>;
  /** Chunk requests in flight at once, each way (1-8; in-flight.ts chooses by default). */
  readonly chunksInFlight?: number;
  /** The SHA-256 a received file is checked with (node:crypto's in the CLI: 9× noble's speed). */
  readonly hasher?: Sha256HasherFactory;
}

export type SyncProblem = 'behind' | 'forked' | 'unreadable' | 'bad-history';

export type SyncStage = 'pull' | 'check' | 'keep' | 'push' | 'history';

export type SyncRoundOutcome =
  | {
      readonly ok: true;
      /** Where this sync left off: keep it for the next. */
      readonly cursor: SyncCursor | undefined;
      /** Changes of this device sent. */
      readonly sent: number;
      /** Other devices' log entries taken in. */
      readonly received: number;
      /** Whether anything at all was taken in (entries, revisions or sides). */
      readonly changed: boolean;
      /** The server's countersignature of this device's history, if it has one. */
      readonly confirmed: Confirmed | undefined;
      /** Other devices' changes left on the server for a later sync. */
      readonly heldBack: number;
      /** Plain sentences about what the sync did differently (a full pull, and why). */
      readonly notices: readonly string[];
      /** File chunks sent to the server this time (those it held already are not sent). */
      readonly chunksSent: number;
      /** Other devices' files fetched, checked and taken in. */
      readonly filesReceived: number;
    }
  | {
      readonly ok: false;
      readonly stage: SyncStage;
      /** Not a dropped connection or a refusal but a problem with the history itself. */
      readonly problem: boolean;
      /**
       * Which problem, when `problem`: `behind` is "the server has seen more of this
       * casebook's history than this copy holds" (an older copy, or entries cut), `forked` a
       * history that differs from the one confirmed, `unreadable` / `bad-history` what came in.
       */
      readonly reason?: SyncProblem | undefined;
      readonly message: string;
      /** Whether what came in was taken in and kept before the failure. */
      readonly kept: boolean;
      readonly notices: readonly string[];
    };

const OLDER_COPY =
  'This casebook is not the copy the last sync left (it may be an older copy), so everything on the server is checked again.';
const SERVER_RESTORED =
  'The server does not hold what it held at the last sync (it may have been restored from a backup), so everything on it is checked again.';

const NOT_SENT_AGAIN =
  'Parts of files the server had lost could not be sent again this time; the next sync tries again.';

/** One retry after a dropped connection: the same bytes again, which the server takes once. */
async function twice<T>(send: () => Promise<ServerAnswer<T>>): Promise<ServerAnswer<T>> {
  const first = await send();
  return !first.ok && first.code === 'offline' ? send() : first;
}

export async function syncRound(input: SyncRoundInput): Promise<SyncRoundOutcome> {
  const { internals, server } = input;
  const notices: string[] = [];
  let kept = false;
  const failed = (stage: SyncStage, message: string, reason?: SyncProblem): SyncRoundOutcome => ({
    ok: false,
    stage,
    problem: reason !== undefined,
    reason,
    message,
    kept,
    notices,
  });

  // Pull from where the last sync left off, when that still describes this casebook and this
  // server; else everything again (always safe: applying is idempotent).
  let cursor = input.cursor;
  if (cursor && !headsHold(cursor.heads, await internals.store.readLog())) {
    notices.push(OLDER_COPY);
    cursor = undefined;
  }
  let pulled = await twice(() => server.pull(cursor ? cursor.seq - 1 : 0));
  if (!pulled.ok) return failed('pull', pulled.message);
  if (cursor && !anchorHolds(cursor, pulled.value.changes)) {
    notices.push(SERVER_RESTORED);
    cursor = undefined;
    pulled = await twice(() => server.pull(0));
    if (!pulled.ok) return failed('pull', pulled.message);
  }
  const changes = pulled.value.changes;
  const checked = await checkIncoming(
    internals,
    // Data that is not base64 is no envelope: it fails to open, as any damaged change does.
    changes.map((c) => ({ id: c.id, data: fromBase64(c.data) ?? new Uint8Array(0) })),
  );
  if (!checked.ok) return failed('check', checked.message, checked.reason);

  // Files other devices added: fetched and checked chunk by chunk before their entries are
  // applied. A file that cannot be keeps its device's chain waiting from its entry on (its
  // later files are not fetched this time). A file its device purged later in the same pull
  // is not fetched: its chunks may never have reached the server (purged before a sync), and
  // the apply takes its add with its purge, or neither (see `takenUpTo` in apply.ts).
  const purgedInPull = new Set(
    checked.value.revisions
      .filter((r) => r.envelope.kind === BLOB_KIND && r.state.deleted)
      .map((r) => `${r.device}\u0000${r.envelope.id}`),
  );
  const fetched = new Set<string>();
  const stalled = new Set<string>();
  for (const r of checked.value.revisions) {
    if (r.envelope.kind !== BLOB_KIND || r.state.deleted || stalled.has(r.device)) continue;
    if (purgedInPull.has(`${r.device}\u0000${r.envelope.id}`)) continue;
    // Purged already (by another device, its purge taken first): nothing to fetch or keep.
    if (await purgedHere(internals, r.envelope.id)) continue;
    // Chunks left by a sync that stopped before its commit are fetched again, whole.
    if ((await internals.store.countChunks(r.envelope.id)) > 0) {
      await internals.store.discardBlob(r.envelope.id);
    }
    const manifest = FileManifestSchema.safeParse(r.state.body);
    const got = manifest.success
      ? await fetchFile(
          internals,
          server,
          manifest.data,
          manifest.data.sha256,
          input.chunksInFlight,
          input.hasher,
        )
      : { ok: false as const, message: 'A file added on another device has a damaged record.' };
    if (got.ok) fetched.add(r.envelope.id);
    else {
      stalled.add(r.device);
      notices.push(
        `${got.message} Nothing of it was taken in; that device’s changes from it on stay on the server for a later sync.`,
      );
    }
  }

  const applied = await applyIncoming(internals, checked.value, fetched);
  const taken = new Set(applied.filesTaken);
  for (const blobId of fetched) {
    if (!taken.has(blobId)) await internals.store.discardBlob(blobId);
  }
  const changed = applied.entries + applied.revisions + applied.sides > 0;
  const waitingIds = new Set(applied.waiting.flatMap((k) => checked.value.sources.get(k) ?? []));
  let at = cursorAfterPull(cursor && { seq: cursor.seq, id: cursor.id }, changes, waitingIds);
  // Own entries the server holds at or below the cursor: the rest are seen in the next pull.
  const serverSeq = new Map(changes.map((c) => [c.id, c.seq]));
  let pushed = cursor?.pushed ?? -1;
  for (const [id, seq] of checked.value.ownIds) {
    if ((serverSeq.get(id) ?? Number.POSITIVE_INFINITY) <= (at?.seq ?? 0)) {
      pushed = Math.max(pushed, seq);
    }
  }
  const cursorNow = async (confirmed?: Confirmed): Promise<SyncCursor | undefined> =>
    at && {
      seq: at.seq,
      id: at.id,
      pushed,
      heads: headsOf(await internals.store.readLog()),
      ...(confirmed && { confirmed }),
    };
  if (changed) {
    const keep = input.keepIncoming && (await input.keepIncoming(await cursorNow()));
    if (keep && !keep.ok) return failed('keep', keep.message);
    kept = true;
  }

  // The server holds this device's entries up to `pushed` (below the cursor) and those pulled;
  // the rest are skipped before their records are read.
  const sent = new Set(checked.value.ownSeqs);
  for (let seq = 0; seq <= (cursor?.pushed ?? -1); seq += 1) sent.add(seq);
  const outgoing = await outgoingChanges(internals, sent);
  const sealed = await Promise.all(
    outgoing.map((c) => sealSyncEnvelope(internals.keys.ck, c.change)),
  );
  // The chunks of files this device added go up before the entries that name them, so a
  // device that pulls an 'add-file' entry finds its chunks there.
  const manifests: FileManifest[] = [];
  for (const c of outgoing) {
    const manifest = await manifestOf(internals.keys.ck, c.change.records[0]);
    if (manifest) manifests.push(manifest);
  }
  let chunksSent = 0;
  if (manifests.length > 0) {
    const uploaded = await uploadFiles(internals, server, manifests, input.chunksInFlight);
    if (!uploaded.ok) return failed('push', uploaded.message);
    chunksSent = uploaded.value.put;
  }
  // A chunk the server lost after its upload (found damaged when another device fetched it)
  // is listed missing again; nothing tells the devices that hold it, so each offers its files
  // again whenever something came in from another device (a no-change sync stays one request).
  // Cost: one `chunks/missing` per 1,000 chunks held, and only what the server lacks goes up.
  if (changed) {
    const offered = await uploadFiles(
      internals,
      server,
      // Not the files just fetched (the server holds them) nor those going up above.
      await heldFiles(internals, new Set([...taken, ...manifests.map((m) => m.blobId)])),
      input.chunksInFlight,
    );
    if (offered.ok) chunksSent += offered.value.put;
    else notices.push(`${NOT_SENT_AGAIN} ${offered.message}`);
  }
  if (sealed.length > 0) {
    const answer = await twice(() => server.push(sealed));
    if (!answer.ok) return failed('push', answer.message);
    if (applied.waiting.length === 0 && at?.seq === (changes.at(-1)?.seq ?? cursor?.seq)) {
      const moved = cursorAfterPush(at, answer.value.head, answer.value.seqs);
      if (moved !== at) {
        at = moved;
        pushed = Math.max(pushed, ...outgoing.map((c) => c.seq));
      }
    }
  }

  const history = await historyToConfirm(internals);
  if (!history) return failed('history', 'This casebook has no history to confirm yet.');
  const last = history.hashes.length - 1;
  let confirmed: Confirmed | undefined;
  const before = cursor?.confirmed;
  if (
    sealed.length === 0 &&
    before &&
    before.seq === last &&
    before.head === history.hashes[last]
  ) {
    // Nothing sent and the server confirmed this very head before: no need to ask again.
    confirmed = before;
  } else {
    const listed = await server.checkpoints();
    if (!listed.ok) return failed('history', listed.message);
    const mine = listed.value.checkpoints.find(
      (c) => c.chain === history.chain && c.device === server.deviceId,
    );
    const found = standing(history.hashes, mine);
    if (found.kind === 'behind' || found.kind === 'forked') {
      return failed('history', describeStanding(found, history.hashes.length), found.kind);
    }
    const from = found.kind === 'holds' ? found.confirmed.seq + 1 : 0;
    confirmed = found.kind === 'holds' ? pick(found.confirmed) : undefined;
    if (from < history.hashes.length) {
      const posted = await twice(() =>
        server.postHistory({
          chain: history.chain,
          from,
          hashes: history.hashes.slice(from),
          checkpoint: history.checkpoint,
        }),
      );
      if (!posted.ok) return failed('history', posted.message);
      confirmed = pick(posted.value);
    }
  }
  return {
    ok: true,
    cursor: await cursorNow(confirmed),
    sent: sealed.length,
    received: applied.entries,
    changed,
    confirmed,
    heldBack: applied.heldBack,
    notices,
    chunksSent,
    filesReceived: taken.size,
  };
}

const pick = (c: Confirmed): Confirmed => ({
  seq: c.seq,
  head: c.head,
  serverTime: c.serverTime,
});
