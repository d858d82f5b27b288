/**
 * Linking a new device through the server (apps/server/PROTOCOL.md "Linking a device";
 * SECURITY.md "Linking a device"). No new primitive:
 *
 * - The device that shows a linking code also leaves a **link package** on the server beside
 *   it: the casebook header's shared part (its passphrase and recovery slots, the wrapped case
 *   and identity keys, all still under the Argon2id-derived keys; never a device's or the
 *   notices' secret) and the server key it pinned, padded to 4 KiB and sealed with
 *   XChaCha20-Poly1305 under HKDF-SHA256 of the whole linking code (link-code.ts). The code's
 *   last part is made on that device and never sent, so the server, which sees the rest,
 *   cannot open the package; whoever has the whole code still needs the passphrase.
 * - The new device makes its Ed25519 key first and signs `POST /v1/link` (with the server's
 *   part of the code only) with it; the package comes back in the answer. With the passphrase
 *   it opens the header, makes its own header around that very key (certified by the
 *   identity, so the key the server knows this device by is the one that signs its chain),
 *   opens its chain with an `open-device` entry, and then pulls everything else as any device
 *   does.
 */
import { canonicalJson } from '@casebook/core';
import { z } from 'zod';
import { concatBytes, fromBase64, fromUtf8, toBase64, utf8 } from '../encoding';
import { unwrapKey } from '../key-wrap';
import { fail, ok, type Result } from '../result';
import { getSodium } from '../sodium';
import type { SyncRequestSigner } from '../sync-keys';
import type { VaultStore } from '../types';
import { HEADER_META_KEY, PURPOSE, type VaultHeaderV2, VaultHeaderV2Schema } from '../vault-header';
import type { HasInternals } from '../vault-internals';
import { type DeviceKeyPair, newDeviceHeader, unwrapAccountKey } from '../vault-keys';
import { type LinkCode, readLinkCode } from './link-code';
import { commitOpenedDevice } from './open-device-chain';

/** The HKDF salt and associated data's label of each version (v1: the server's code alone). */
const DOMAIN = { 1: 'casebook-link-package-v1', 2: 'casebook-link-package-v2' } as const;
export const LINK_PACKAGE_VERSION = 2;
/** The sealed package is a whole number of these, so its size says nothing of the header. */
export const LINK_PACKAGE_BLOCK = 4096;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;

/** The part of a v2 header every device of a casebook shares. */
const SharedHeaderSchema = VaultHeaderV2Schema.omit({ device: true, notices: true });
export type SharedHeader = z.infer<typeof SharedHeaderSchema>;

const LinkPackageSchema = z
  .object({
    /** The code's version: v1 under the server's code, v2 under the whole code. */
    v: z.union([z.literal(1), z.literal(2)]),
    header: SharedHeaderSchema,
    /** The server key the linking device pinned: the new device pins the same. */
    serverKey: z.string().min(1).max(100),
  })
  .strict();
export type LinkPackage = z.infer<typeof LinkPackageSchema>;

/** HKDF-SHA256(ikm = the whole code as read, salt = the version's domain, info = space). */
async function packageKey(code: LinkCode, space: string): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const ikm = await subtle.importKey('raw', utf8(code.whole) as BufferSource, 'HKDF', false, [
    'deriveBits',
  ]);
  const bits = await subtle.deriveBits(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: utf8(DOMAIN[code.v]) as BufferSource,
      info: utf8(space) as BufferSource,
    },
    ikm,
    256,
  );
  return new Uint8Array(bits);
}

const ad = (v: 1 | 2, space: string) => concatBytes(utf8(`${DOMAIN[v]}\u0000`), utf8(space));

/** The header's shared part: no device or notices secret leaves the device that links. */
function sharedPart(header: VaultHeaderV2): SharedHeader {
  const { device: _device, notices: _notices, ...shared } = header;
  return shared;
}

/**
 * Seals the link package for `code`: the whole code to show (`extendLinkCode` of the one the
 * server just made for this casebook's `space`), never the server's part alone.
 */
export async function sealLinkPackage(
  vault: HasInternals,
  input: { code: string; space: string; serverKey: string },
): Promise<Uint8Array> {
  const { header } = vault.internals;
  if (header.v !== 2) throw new Error('Only a version 2 casebook can have another device.');
  const code = readLinkCode(input.code);
  // A v1 code is one the server knows whole: a package under it would open on the server.
  if (code?.v !== LINK_PACKAGE_VERSION) throw new Error('Only a whole version 2 code seals.');
  const sodium = await getSodium();
  const value: LinkPackage = {
    v: LINK_PACKAGE_VERSION,
    header: sharedPart(header),
    serverKey: input.serverKey,
  };
  const plain = utf8(canonicalJson(value));
  const overhead = NONCE_BYTES + TAG_BYTES;
  const padded = sodium
    .pad(concatBytes(new Uint8Array(overhead), plain), LINK_PACKAGE_BLOCK)
    .subarray(overhead);
  const key = await packageKey(code, input.space);
  const nonce = sodium.randombytes_buf(NONCE_BYTES);
  const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    padded,
    ad(code.v, input.space),
    null,
    nonce,
    key,
  );
  sodium.memzero(key);
  return concatBytes(nonce, sealed);
}

const UNREADABLE =
  'What the server gave for that linking code could not be opened. Make a new linking code on your other device and try again.';

/**
 * Opens a link package with the whole code it was sealed for (v2, or an older device's v1);
 * the header still needs the passphrase.
 */
export async function openLinkPackage(
  sealed: Uint8Array,
  input: { code: string; space: string },
): Promise<Result<LinkPackage, 'bad-code' | 'unreadable'>> {
  const code = readLinkCode(input.code);
  if (!code) {
    return fail('bad-code', 'That linking code is not in the right form. Check it and try again.');
  }
  if (sealed.length < LINK_PACKAGE_BLOCK || sealed.length % LINK_PACKAGE_BLOCK !== 0) {
    return fail('unreadable', UNREADABLE);
  }
  const sodium = await getSodium();
  const key = await packageKey(code, input.space);
  let padded: Uint8Array;
  try {
    padded = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      sealed.subarray(NONCE_BYTES),
      ad(code.v, input.space),
      sealed.subarray(0, NONCE_BYTES),
      key,
    );
  } catch {
    return fail('unreadable', UNREADABLE);
  } finally {
    sodium.memzero(key);
  }
  let raw: unknown;
  try {
    const overhead = NONCE_BYTES + TAG_BYTES;
    const unpadded = sodium.unpad(
      concatBytes(new Uint8Array(overhead), padded),
      LINK_PACKAGE_BLOCK,
    );
    raw = JSON.parse(fromUtf8(unpadded.subarray(overhead)));
  } catch {
    return fail('unreadable', UNREADABLE);
  }
  const parsed = LinkPackageSchema.safeParse(raw);
  return parsed.success && parsed.data.v === code.v
    ? ok(parsed.data)
    : fail('unreadable', UNREADABLE);
}

/**
 * A fresh Ed25519 key for a device about to link, and a signer for its link request that
 * signs only request bases (as `syncSigner` does). Keep `pair` for `newDeviceFromLink`; wipe it
 * with `forgetLinkingKey` if linking stops short.
 */
export async function newLinkingKey(): Promise<{ pair: DeviceKeyPair; signer: SyncRequestSigner }> {
  const sodium = await getSodium();
  const made = sodium.crypto_sign_keypair();
  const pair = { publicKey: made.publicKey, privateKey: made.privateKey };
  const start = utf8('"@method": ');
  return {
    pair,
    signer: {
      keyId: toBase64(pair.publicKey).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
      async sign(message) {
        if (!start.every((byte, i) => message[i] === byte)) {
          throw new RangeError('The device key signs only sync request bases.');
        }
        return sodium.crypto_sign_detached(message, pair.privateKey);
      },
    },
  };
}

export async function forgetLinkingKey(pair: DeviceKeyPair): Promise<void> {
  (await getSodium()).memzero(pair.privateKey);
}

const NOT_EMPTY =
  'There is already a casebook in this browser, so another one cannot be opened here.';
const DAMAGED =
  'The casebook your other device sent could not be read. Make a new linking code there and try again.';

/**
 * Makes `target` (empty) a new device of the package's casebook: the passphrase opens the shared
 * header, the identity certifies `pair` as this device's key, and its chain opens with an
 * `open-device` entry binding the new header and a signed checkpoint, in one commit. Open it
 * with `Vault.unlock` and sync to pull everything else.
 */
export async function newDeviceFromLink(
  target: VaultStore,
  linked: LinkPackage,
  passphrase: string,
  pair: DeviceKeyPair,
  now: () => string = () => new Date().toISOString(),
): Promise<
  Result<
    { device: string },
    'not-empty' | 'wrong-passphrase' | 'kdf-too-weak' | 'kdf-out-of-range' | 'corrupt'
  >
> {
  if ((await target.getMeta(HEADER_META_KEY)) !== undefined) return fail('not-empty', NOT_EMPTY);
  const sodium = await getSodium();
  const shared = linked.header;
  // The shared part is all unwrapAccountKey reads (the passphrase slot).
  const ak = await unwrapAccountKey({ ...shared, v: 1 }, { passphrase });
  if (!ak.ok) {
    const reason =
      ak.reason === 'wrong-passphrase' ||
      ak.reason === 'kdf-too-weak' ||
      ak.reason === 'kdf-out-of-range'
        ? ak.reason
        : 'corrupt';
    return fail(
      reason,
      ak.reason === 'wrong-passphrase'
        ? 'That passphrase does not open this casebook. Check it (capital letters and spaces count) and try again.'
        : ak.message,
    );
  }
  const ck = await unwrapKey(shared.ck, ak.value, PURPOSE.ck(shared.caseId));
  const signingKey = await unwrapKey(shared.identity.secretKey, ak.value, PURPOSE.identityV2);
  const identityPublic = fromBase64(shared.identity.publicKey);
  const wipe = () => {
    for (const key of [ak.value, ck, signingKey]) if (key) sodium.memzero(key);
  };
  if (!ck || signingKey?.length !== 64 || !identityPublic) {
    wipe();
    return fail('corrupt', DAMAGED);
  }
  const implied = sodium.crypto_sign_ed25519_sk_to_pk(signingKey);
  if (implied.length !== identityPublic.length || !sodium.memcmp(implied, identityPublic)) {
    wipe();
    return fail('corrupt', DAMAGED);
  }
  try {
    const time = now();
    // A placeholder device and notices part, replaced at once by newDeviceHeader's own.
    const base = { ...shared, v: 2 } as unknown as VaultHeaderV2;
    const made = await newDeviceHeader(base, { ak: ak.value, signingKey }, time, {
      publicKey: pair.publicKey,
      privateKey: new Uint8Array(pair.privateKey),
    });
    const header = VaultHeaderV2Schema.parse(made.header);
    await commitOpenedDevice(target, {
      header,
      ck,
      deviceKey: made.deviceKey,
      signingKey,
      time,
    });
    sodium.memzero(made.deviceKey);
    sodium.memzero(made.noticesKey);
    return ok({ device: header.device.id });
  } finally {
    wipe();
  }
}
