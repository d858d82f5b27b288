/**
 * The vault's own keys on the sync server, end to end: a casebook enrols signing with its v2
 * device key and naming its identity; removing another device takes the identity's proof,
 * which the vault gives only for the right passphrase.
 */

import { sign } from 'node:crypto';
import { type FetchLike, SyncClient } from '@casebook/sync';
import { deviceRemovalProof, KDF_FLOOR, syncIdentity, syncSigner, Vault } from '@casebook/vault';
import { createMemoryStore } from '@casebook/vault/memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDeviceKey } from '../apps/server/src/protocol/sign-request';
import { type Harness, startServer } from '../apps/server/test/harness';

const PASSPHRASE = 'quiet orchard lantern seventeen';

const injectFetch =
  (server: Harness): FetchLike =>
  async (url, init) => {
    const parsed = new URL(url);
    const res = await server.app.inject({
      method: init.method as 'GET',
      url: `${parsed.pathname}${parsed.search}`,
      headers: { ...init.headers, host: parsed.host },
      ...(init.body ? { payload: Buffer.from(init.body) } : {}),
    });
    const bytes = res.rawPayload;
    return {
      status: res.statusCode,
      arrayBuffer: async () =>
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
    };
  };

describe('the vault’s keys on the sync server', () => {
  let server: Harness;
  let vault: Vault;
  let phone: SyncClient;
  let laptop: SyncClient;
  let space: string;

  beforeAll(async () => {
    server = await startServer('sqlite', 'fs', { openEnrolment: true });
    vault = (await Vault.create(createMemoryStore(), PASSPHRASE, { kdf: KDF_FLOOR })).vault;
    const fetch = injectFetch(server);
    phone = new SyncClient({
      server: 'https://sync.casebook.test',
      signer: syncSigner(vault),
      fetch,
    });
    const other = newDeviceKey();
    laptop = new SyncClient({
      server: 'https://sync.casebook.test',
      signer: { keyId: other.keyId, sign: async (m) => sign(null, m, other.privateKey) },
      fetch,
    });
  });
  afterAll(async () => {
    await vault.lock();
    await server.close();
  });

  it('enrols signing with the device key, under the identity', async () => {
    const enrolled = await phone.enrol(syncIdentity(vault));
    if (!enrolled.ok) throw new Error(enrolled.message);
    space = enrolled.value.space;
    expect(enrolled.value.device).toBe(syncSigner(vault).keyId);
    const code = await phone.linkCode();
    if (!code.ok) throw new Error(code.message);
    expect((await laptop.link(code.value.code)).ok).toBe(true);
  });

  it('the device key signs request bases only', async () => {
    await expect(syncSigner(vault).sign(new Uint8Array(32))).rejects.toThrow(/only sync request/);
  });

  it('a proof comes only with the passphrase, and removes the device it names', async () => {
    const wrong = await deviceRemovalProof(vault, { passphrase: 'not it' }, space, laptop.deviceId);
    expect(wrong).toMatchObject({ ok: false, reason: 'wrong-passphrase' });
    // The laptop, with no proof, cannot remove the phone.
    expect(await laptop.removeDevice(phone.deviceId)).toMatchObject({
      ok: false,
      code: 'proof-needed',
    });
    const proof = await deviceRemovalProof(
      vault,
      { passphrase: PASSPHRASE },
      space,
      laptop.deviceId,
    );
    if (!proof.ok) throw new Error(proof.message);
    expect((await phone.removeDevice(laptop.deviceId, proof.value)).ok).toBe(true);
    expect(await laptop.pull(0)).toMatchObject({ ok: false, status: 403, code: 'removed' });
    expect((await phone.pull(0)).ok).toBe(true);
  });
});
