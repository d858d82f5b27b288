/**
 * Sync in the vault worker (apps/server/PROTOCOL.md): the vault's side (@casebook/vault's
 * `sync`) and the protocol client (@casebook/sync) put together, over the browser's fetch.
 * Settings live in sync-state.ts; nothing here keeps a key: the device key signs through
 * the vault's own signer, and the identity signs a removal only after the passphrase.
 */
import { type FetchLike, SyncClient, type SyncResult } from '@casebook/sync';
import {
  deviceRemovalProof,
  syncIdentity,
  syncSigner,
  type Vault,
  type VaultStore,
  sync as vaultSync,
} from '@casebook/vault';
import type {
  ConflictView,
  DeviceView,
  LinkCodeOutcome,
  Outcome,
  SyncOutcome,
  SyncStatusView,
} from './protocol';
import { clearSyncState, readSyncState, type SyncState, writeSyncState } from './sync-state';

/** The browser's fetch, without cookies or a referrer: requests are signed, not logged in. */
export const browserFetch: FetchLike = async (url, init) => {
  const response = await fetch(url, {
    method: init.method,
    headers: init.headers,
    ...(init.body ? { body: init.body as BodyInit } : {}),
    credentials: 'omit',
    cache: 'no-store',
    referrerPolicy: 'no-referrer',
    mode: 'cors',
  });
  return response;
};

const failed = (reason: string, message: string) => ({ ok: false as const, reason, message });

/**
 * The sync settings as stored now, if they are still those a round began with: a device
 * unlinked (or linked afresh) while a round ran must not have that round's state written back.
 */
async function stillOn(began: SyncState): Promise<SyncState | undefined> {
  const now = await readSyncState();
  return now && now.device === began.device && now.space === began.space ? now : undefined;
}

/** One retry after a dropped connection: the same bytes again, which the server takes once. */
async function twice<T>(send: () => Promise<SyncResult<T>>): Promise<SyncResult<T>> {
  const first = await send();
  return !first.ok && first.code === 'offline' ? send() : first;
}

/** How often an unlocked device syncs on its own when nothing is saved on it. */
const QUIET_ROUND_MS = 5 * 60_000;

const NOT_ON = 'Sync is not turned on for this casebook. Turn it on in Settings, Sync.';
const BAD_CODE =
  'That linking code is not in the right form, so nothing was sent. It is seven groups of four letters and numbers, as your other device shows it. Check it and type it again.';

/** This browser's state, when it belongs to this casebook and this device. */
async function stateFor(vault: Vault): Promise<SyncState | undefined> {
  const state = await readSyncState();
  const header = vault.internals.header;
  if (!state || header.v !== 2) return undefined;
  return state.caseId === header.caseId && state.vaultDevice === header.device.id
    ? state
    : undefined;
}

function clientFor(vault: Vault, state: SyncState, fetcher: FetchLike): SyncClient {
  return new SyncClient({
    server: state.server,
    signer: syncSigner(vault),
    fetch: fetcher,
    serverKey: state.serverKey,
    space: state.space,
  });
}

const STOPPED = {
  ok: false,
  status: 0,
  code: 'stopped',
  message: 'The casebook was locked, so sync stopped. It goes on at the next unlock.',
} as const;

export class SyncOps {
  /** The round under way, if any: one at a time, and "Sync now" waits on it. */
  #running: Promise<SyncOutcome> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastAuto = 0;
  #stopped = false;
  /** A link made with a code whose passphrase was wrong: tried again without a new code. */
  #pendingLink:
    | {
        server: string;
        code: string;
        linked: vaultSync.LinkPackage;
        space: string;
        device: string;
        serverKey: string;
        pair: { publicKey: Uint8Array; privateKey: Uint8Array };
      }
    | undefined;

  constructor(
    private readonly current: () => Vault | undefined,
    private readonly onSynced: (received: number) => void = () => undefined,
    private readonly fetcher: FetchLike = browserFetch,
  ) {
    // Back online after a round found the server out of reach: try again soon.
    globalThis.addEventListener?.('online', () => this.soon(2000));
  }

  #vault(): Vault {
    const vault = this.current();
    if (!vault || vault.isLocked) throw new Error('The casebook is locked.');
    return vault;
  }

  /** Lock: no more rounds, none started later. A round under way stops at its next step. */
  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const pending = this.#pendingLink;
    if (pending) pending.pair.privateKey.fill(0);
    this.#pendingLink = undefined;
  }

  /**
   * Sync on its own while unlocked and online: soon after unlock and a few seconds after a
   * save, never more than once every 20 seconds, never while locked or offline.
   */
  soon(delayMs = 4000): void {
    if (this.#stopped) return;
    if (this.#timer) clearTimeout(this.#timer);
    const wait = Math.max(delayMs, this.#lastAuto + 20_000 - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      // Offline: the worker's 'online' event (see the constructor) starts the next one.
      if (this.#stopped || !navigator.onLine) return;
      const vault = this.current();
      if (!vault || vault.isLocked) return;
      void stateFor(vault).then((state) => {
        if (!state || this.#stopped) return;
        this.#lastAuto = Date.now();
        // And again every few minutes while unlocked, so a device only read still takes in
        // what the others write (a quiet round is one small request).
        void this.syncNow().finally(() => this.soon(QUIET_ROUND_MS));
      });
    }, wait);
  }

  async status(): Promise<SyncStatusView> {
    const state = await stateFor(this.#vault());
    if (!state) return { on: false, running: false };
    return {
      on: true,
      running: this.#running !== undefined,
      server: state.server,
      ...(state.last && { last: state.last }),
      ...(state.confirmed && {
        confirmed: { seq: state.confirmed.seq, serverTime: state.confirmed.serverTime },
      }),
      ...(state.serverAhead && { serverAhead: true }),
    };
  }

  /** Enrols this casebook on the server (first device), then syncs once. */
  async turnOn(server: string, invite: string | undefined): Promise<SyncOutcome> {
    const vault = this.#vault();
    const header = vault.internals.header;
    if (header.v !== 2) return failed('old', 'Lock and unlock the casebook once, then try again.');
    if (await stateFor(vault)) return this.syncNow();
    const client = new SyncClient({ server, signer: syncSigner(vault), fetch: this.fetcher });
    const enrolled = await client.enrol(syncIdentity(vault), invite?.trim() || undefined);
    if (!enrolled.ok) {
      return failed(
        enrolled.code,
        enrolled.code === 'invite-needed'
          ? 'This server needs an invite code to start a casebook. Ask whoever runs it for one, type it below and try again.'
          : enrolled.code === 'offline'
            ? 'The server could not be reached. Check the address and your connection, then try again. Nothing was sent.'
            : `${enrolled.message} Nothing was sent.`,
      );
    }
    await writeSyncState({
      v: 1,
      server: new URL(server).origin,
      serverKey: enrolled.value.serverKey,
      space: enrolled.value.space,
      device: client.deviceId,
      caseId: header.caseId,
      vaultDevice: header.device.id,
    });
    return this.syncNow();
  }

  /** One round now (or the one already under way). */
  syncNow(): Promise<SyncOutcome> {
    this.#running ??= this.#round().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #round(): Promise<SyncOutcome> {
    const vault = this.#vault();
    const state = await stateFor(vault);
    if (!state) return failed('off', NOT_ON);
    const client = clientFor(vault, state, this.fetcher);
    // The shared round (@casebook/vault's sync.syncRound) over the protocol client; the port
    // notes the server's last refusal code, which the round's answer does not carry.
    let refused: string | undefined;
    // Once the casebook locks, nothing more goes to the server: the lock zeroes the keys, and
    // a change sealed after that must never leave (every device would find it unreadable).
    const noted = async <T extends SyncResult<unknown>>(answer: () => Promise<T>): Promise<T> => {
      if (this.#stopped) return STOPPED as T;
      const got = await answer();
      if (this.#stopped) return STOPPED as T;
      if (!got.ok) refused = got.code;
      return got;
    };
    const port: vaultSync.SyncServerPort = {
      deviceId: client.deviceId,
      pull: (since) => noted(() => client.pull(since)),
      push: (envelopes) => noted(() => client.push(envelopes)),
      checkpoints: () => noted(() => client.checkpoints()),
      postHistory: (input) => noted(() => client.postHistory(input)),
      putChunk: (id, bytes) => noted(() => client.putChunk(id, bytes)),
      getChunk: (id) => noted(() => client.getChunk(id)),
      missingChunks: (ids) => noted(() => client.missingChunks(ids)),
    };
    const cursor = vaultSync.SyncCursorSchema.safeParse(state.cursor);
    // IndexedDB commits are durable: what came in needs no keeping step of its own.
    let outcome: vaultSync.SyncRoundOutcome;
    try {
      outcome = await vaultSync.syncRound({
        internals: vault.internals,
        server: port,
        cursor: cursor.success ? cursor.data : undefined,
      });
    } catch (error) {
      if (this.#stopped || vault.isLocked) {
        return failed(
          'locked',
          'The casebook was locked, so sync stopped. It goes on at the next unlock.',
        );
      }
      // Something this browser could not do (often: no space left). Nothing saved is lost.
      const message =
        error instanceof Error && /quota|space|full/i.test(`${error.name} ${error.message}`)
          ? 'Sync stopped because this browser has run out of space for Casebook. Nothing already in your casebook was lost. Free some space on this device, then press Sync now.'
          : 'Sync stopped part-way. Nothing already in your casebook was lost. Press Sync now to try again; if it stops again, tell whoever runs your sync server.';
      const latest = await stillOn(state);
      if (latest) {
        await writeSyncState({
          ...latest,
          last: { at: new Date().toISOString(), ok: false, message },
        });
      }
      return failed('error', message);
    }
    if (this.#stopped || vault.isLocked) {
      return failed(
        'locked',
        'The casebook was locked, so sync stopped. It goes on at the next unlock.',
      );
    }
    const at = new Date().toISOString();
    // Unlinked while this round ran: what it learnt is not written back, so sync stays off.
    const latest = await stillOn(state);
    if (!latest) return failed('off', NOT_ON);
    if (outcome.ok) {
      const { cursor: _old, ...rest } = latest;
      await writeSyncState({
        ...rest,
        ...(outcome.cursor && { cursor: outcome.cursor }),
        last: { at, ok: true },
        ...(outcome.confirmed && { confirmed: outcome.confirmed }),
        serverAhead: false,
      });
      if (outcome.received > 0 || outcome.changed) this.onSynced(Math.max(1, outcome.received));
      const notices = [...outcome.notices];
      if (outcome.heldBack > 0) {
        notices.push(
          `${outcome.heldBack} ${outcome.heldBack === 1 ? 'change' : 'changes'} from another device wait on the server: they are checked again at the next sync.`,
        );
      }
      return { ok: true, at, sent: outcome.sent, received: outcome.received, notices };
    }
    if (refused === 'removed') {
      await clearSyncState();
      return failed(
        'removed',
        'This device was removed from the casebook on the server, so it no longer syncs. Everything on this device is still here. To sync again, link it from one of your other devices.',
      );
    }
    // "The server has seen more" is the one problem the Audit log shows on its own.
    const serverAhead = !outcome.ok && outcome.reason === 'behind';
    const message = serverAhead
      ? 'The server has seen more of this casebook’s history than this device holds. This may be an older copy. Nothing was taken in; use your newest copy, or ask for help before changing anything.'
      : refused === 'offline'
        ? 'The server could not be reached. Your casebook is safe here; it syncs again when the connection is back.'
        : outcome.message;
    await writeSyncState({
      ...latest,
      last: { at, ok: false, message },
      ...(serverAhead && { serverAhead: true }),
    });
    if (outcome.kept) this.onSynced(1);
    return failed(serverAhead ? 'server-ahead' : (refused ?? outcome.stage), message);
  }

  /** A linking code for another device, with the link package left beside it. */
  async linkCode(): Promise<LinkCodeOutcome> {
    const vault = this.#vault();
    const state = await stateFor(vault);
    if (!state) return failed('off', NOT_ON);
    const client = clientFor(vault, state, this.fetcher);
    const made = await client.linkCode();
    if (!made.ok) return failed(made.code, made.message);
    // The part this device adds keys the package and is shown, never sent (link-code.ts).
    const code = await vaultSync.extendLinkCode(made.value.code);
    const sealed = await vaultSync.sealLinkPackage(vault, {
      code,
      space: state.space,
      serverKey: state.serverKey,
    });
    const put = await twice(() => client.putLinkPackage(made.value.code, sealed));
    if (!put.ok) return failed(put.code, put.message);
    return { ok: true, code, expiresAt: made.value.expiresAt };
  }

  async devices(): Promise<{ ok: true; devices: DeviceView[] } | ReturnType<typeof failed>> {
    const vault = this.#vault();
    const state = await stateFor(vault);
    if (!state) return failed('off', NOT_ON);
    const listed = await clientFor(vault, state, this.fetcher).devices();
    if (!listed.ok) return failed(listed.code, listed.message);
    return { ok: true, devices: listed.value.devices };
  }

  /** Removes another device: the identity's proof, made only with the passphrase. */
  async removeDevice(device: string, passphrase: string): Promise<Outcome> {
    const vault = this.#vault();
    const state = await stateFor(vault);
    if (!state) return failed('off', NOT_ON);
    if (device === state.device) return this.unlink();
    const proof = await deviceRemovalProof(vault, { passphrase }, state.space, device);
    if (!proof.ok) return failed(proof.reason, proof.message);
    const removed = await clientFor(vault, state, this.fetcher).removeDevice(device, proof.value);
    return removed.ok ? { ok: true } : failed(removed.code, removed.message);
  }

  /** This device stops syncing at once; the server is told, so it refuses this key from now on. */
  async unlink(): Promise<Outcome> {
    const vault = this.#vault();
    const state = await stateFor(vault);
    if (!state) return { ok: true };
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    // A round under way finds the settings gone (`stillOn`) and writes nothing back.
    await clearSyncState();
    const removed = await clientFor(vault, state, this.fetcher).removeDevice(state.device);
    if (!removed.ok && removed.code !== 'removed') {
      return failed(
        'not-told',
        'This device no longer syncs, but the server could not be told. To be sure, remove this device from one of your other devices.',
      );
    }
    return { ok: true };
  }

  /**
   * A new device of a casebook on another device: link with the code (the package comes
   * back), open the header with the passphrase, make this device's header around the key
   * that linked, unlock, and pull everything. A wrong passphrase keeps the link for another
   * try, so the code need not be made again.
   */
  async openFromOtherDevice(
    store: VaultStore,
    server: string,
    code: string,
    passphrase: string,
    unlock: (
      passphrase: string,
    ) => Promise<{ ok: true } | { ok: false; reason: string; message: string }>,
  ): Promise<Outcome> {
    this.#stopped = false;
    const origin = new URL(server).origin;
    // Read here, before anything is sent: only the server's part may leave this device.
    const read = vaultSync.readLinkCode(code);
    if (!read) return failed('bad-code', BAD_CODE);
    let pending = this.#pendingLink;
    if (!pending || pending.server !== origin || pending.code !== read.whole) {
      if (pending) pending.pair.privateKey.fill(0);
      this.#pendingLink = undefined;
      const { pair, signer } = await vaultSync.newLinkingKey();
      const client = new SyncClient({ server: origin, signer, fetch: this.fetcher });
      const linked = await client.link(read.serverPart);
      if (!linked.ok) {
        await vaultSync.forgetLinkingKey(pair);
        return failed(
          linked.code,
          linked.code === 'offline'
            ? 'The server could not be reached. Check the address and your connection, then try again.'
            : linked.code === 'bad-code'
              ? BAD_CODE
              : linked.message,
        );
      }
      const leave = async (reason: string, message: string) => {
        await client.removeDevice(client.deviceId);
        await vaultSync.forgetLinkingKey(pair);
        return failed(reason, message);
      };
      if (!linked.value.package) {
        return leave(
          'no-package',
          'The server did not give this device the casebook for that code. On your other device, make a new linking code and try again.',
        );
      }
      const opened = await vaultSync.openLinkPackage(linked.value.package, {
        code: read.whole,
        space: linked.value.space,
      });
      if (!opened.ok) return leave(opened.reason, opened.message);
      if (opened.value.serverKey !== linked.value.serverKey) {
        return leave(
          'server-key-changed',
          'This server is not the one your other device syncs with (its key is different), so nothing was taken from it. Check the address with whoever runs the server.',
        );
      }
      pending = {
        server: origin,
        code: read.whole,
        linked: opened.value,
        space: linked.value.space,
        device: client.deviceId,
        serverKey: linked.value.serverKey,
        pair,
      };
      this.#pendingLink = pending;
    }
    const made = await vaultSync.newDeviceFromLink(store, pending.linked, passphrase, pending.pair);
    if (!made.ok) return failed(made.reason, made.message);
    this.#pendingLink = undefined;
    await vaultSync.forgetLinkingKey(pending.pair);
    const unlocked = await unlock(passphrase);
    if (!unlocked.ok) return unlocked;
    const header = this.#vault().internals.header;
    if (header.v !== 2) return failed('corrupt', 'The new casebook could not be opened.');
    await writeSyncState({
      v: 1,
      server: pending.server,
      serverKey: pending.serverKey,
      space: pending.space,
      device: pending.device,
      caseId: header.caseId,
      vaultDevice: header.device.id,
    });
    const first = await this.syncNow();
    return first.ok ? { ok: true } : failed(first.reason, first.message);
  }

  async conflicts(): Promise<ConflictView[]> {
    const vault = this.#vault();
    const header = vault.internals.header;
    const me = header.v === 2 ? header.device.id : '';
    const found = await vaultSync.listConflicts(vault.internals);
    return found.map((c) => ({
      kind: c.kind,
      id: c.id,
      rev: c.rev,
      label: c.label,
      deleteVsEdit: c.deleteVsEdit,
      sides: c.sides.map((s) => ({
        device: s.device,
        thisDevice: s.device === me,
        at: s.state.at,
        deleted: s.state.deleted,
        ...(s.state.deleted
          ? { reason: s.state.reason }
          : { body: JSON.parse(JSON.stringify(s.state.body)) as unknown }),
      })),
    }));
  }

  async resolve(kind: string, id: string, rev: number, device: string): Promise<Outcome> {
    const vault = this.#vault();
    const result = await vaultSync.resolveConflict(vault.internals, { kind, id, rev, device });
    if (!result.ok) return failed(result.reason, result.message);
    // The lists change as after a sync, and the choice goes to the other devices soon.
    this.onSynced(1);
    this.soon(1000);
    return { ok: true };
  }
}
