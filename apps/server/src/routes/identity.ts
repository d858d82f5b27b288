/**
 * Identity without accounts: a casebook's first device enrols (with a one-time invite unless
 * the operator allows open enrolment), shows a linking code, a second device links with it,
 * and any device of the casebook can list devices and unlink itself; removing another needs
 * the casebook identity's signature (protocol/removal-proof.ts). A removed device is refused
 * from its very next request.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { INVITE, LINK, LINK_DEVICE_PART, newCode, readCode } from '../auth/codes';
import { fail, type ServerContext } from '../context';
import type { CodeOutcome } from '../db/meta-store';
import { ed25519PublicKey } from '../protocol/http-signature';
import { removalProofHolds } from '../protocol/removal-proof';
import {
  EnrolBody,
  LinkBody,
  LinkCodeId,
  LinkPackageBody,
  MAX_LINK_PACKAGE_BYTES,
  PROTOCOL_VERSION,
  RandomId,
  RemoveDeviceBody,
} from '../protocol/schemas';

export const LINK_CODE_MINUTES = 10;

const CODE_MESSAGES: Record<Exclude<CodeOutcome, 'ok'> | 'device-exists', string> = {
  unknown: 'That code is not known here. Check it and try again.',
  wrong: 'That code is not right. Check it and try again.',
  used: 'That code has already been used. Ask for a new one.',
  expired: 'That code has expired. Ask for a new one.',
  'device-exists': 'This device is already part of a casebook on this server.',
};

export function identityRoutes(app: FastifyInstance, ctx: ServerContext) {
  app.post('/v1/enrol', { config: { auth: 'key' } }, async (request, reply) => {
    const body = EnrolBody.safeParse(request.body);
    if (!body.success) return fail(reply, 400, 'bad-request', 'That enrolment could not be read.');
    const signer = request.signer as { keyId: string; publicKey: Buffer };
    let invite: { id: string; secretHash: Buffer } | null = null;
    if (body.data.invite !== undefined) {
      const read = readCode(body.data.invite, INVITE.id, INVITE.secret);
      if (!read) return fail(reply, 400, 'bad-code', 'That invite code is not in the right form.');
      if (!(await ctx.limiter.allow(`invite:${read.id}`, ctx.limits.perInvite, ctx.now()))) {
        return fail(reply, 429, 'slow-down', 'Too many tries with that invite. Wait a minute.');
      }
      invite = read;
    } else if (!ctx.openEnrolment) {
      return fail(
        reply,
        403,
        'invite-needed',
        'This server needs an invite code to start a casebook.',
      );
    }
    const spaceId = randomBytes(16).toString('base64url');
    const outcome = await ctx.meta.enrol({
      invite,
      spaceId,
      keyId: signer.keyId,
      publicKey: signer.publicKey,
      identityKey: Buffer.from(body.data.identity, 'base64url'),
      now: ctx.now(),
    });
    if (outcome !== 'ok')
      return fail(reply, outcome === 'device-exists' ? 409 : 403, outcome, CODE_MESSAGES[outcome]);
    return reply.code(201).send({ v: PROTOCOL_VERSION, space: spaceId, device: signer.keyId });
  });

  app.post('/v1/link-codes', { config: { auth: 'device' } }, async (request, reply) => {
    const device = request.device;
    if (!device) return fail(reply, 401, 'unsigned', 'This request is not signed by a device.');
    const now = ctx.now();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const code = newCode(LINK.id, LINK.secret);
      try {
        await ctx.meta.createLinkCode({
          id: code.id,
          secretHash: code.secretHash,
          spaceId: device.spaceId,
          createdBy: device.keyId,
          now,
          expiresAt: now + LINK_CODE_MINUTES * 60_000,
        });
        return reply.code(201).send({
          v: PROTOCOL_VERSION,
          code: code.text,
          expiresAt: new Date(now + LINK_CODE_MINUTES * 60_000).toISOString(),
        });
      } catch {
        // The short id was taken by another live code: draw again.
      }
    }
    return fail(reply, 503, 'busy', 'A linking code could not be made just now. Try again.');
  });

  // The link package goes up once its code is known (its key comes from the code): only by the
  // device that made the code, once, while the code is live and unused.
  app.put<{ Params: { id: string } }>(
    '/v1/link-codes/:id/package',
    { config: { auth: 'device' } },
    async (request, reply) => {
      const device = request.device as NonNullable<typeof request.device>;
      const id = LinkCodeId.safeParse(request.params.id);
      const body = LinkPackageBody.safeParse(request.body);
      if (!id.success || !body.success) {
        return fail(reply, 400, 'bad-request', 'That link package could not be read.');
      }
      const bytes = Buffer.from(body.data.package, 'base64');
      if (bytes.length > MAX_LINK_PACKAGE_BYTES) {
        return fail(reply, 413, 'too-large', 'That link package is larger than this server takes.');
      }
      const stored = await ctx.meta.putLinkPackage({
        codeId: id.data,
        spaceId: device.spaceId,
        createdBy: device.keyId,
        package: bytes,
        now: ctx.now(),
      });
      if (!stored) {
        return fail(
          reply,
          409,
          'code-gone',
          'That linking code is no longer waiting for a device. Make a new one.',
        );
      }
      return { v: PROTOCOL_VERSION, stored: true };
    },
  );

  app.post('/v1/link', { config: { auth: 'key' } }, async (request, reply) => {
    const body = LinkBody.safeParse(request.body);
    if (!body.success)
      return fail(reply, 400, 'bad-request', 'That linking request could not be read.');
    const read = readCode(body.data.code, LINK.id, LINK.secret);
    if (!read) {
      // A whole code (an older client sends what was typed): its last part keys the package,
      // and it has now been seen here, so the code is spent and its package dropped.
      const whole = readCode(body.data.code, LINK.id, LINK.secret + LINK_DEVICE_PART);
      const serverPart = body.data.code.replace(/[\s-]/g, '').slice(0, LINK.id + LINK.secret);
      const own = whole && readCode(serverPart, LINK.id, LINK.secret);
      const now = ctx.now();
      if (
        own &&
        (await ctx.meta.cancelLinkCode({ codeId: own.id, secretHash: own.secretHash, now }))
      ) {
        return fail(
          reply,
          400,
          'code-sent-whole',
          'That linking code was sent to the server whole, so it has been cancelled to keep your casebook safe. Update Casebook on this device, then make a new linking code on your other device.',
        );
      }
      return fail(reply, 400, 'bad-code', 'That linking code is not in the right form.');
    }
    const signer = request.signer as { keyId: string; publicKey: Buffer };
    const result = await ctx.meta.link({
      codeId: read.id,
      secretHash: read.secretHash,
      keyId: signer.keyId,
      publicKey: signer.publicKey,
      now: ctx.now(),
    });
    if (result.outcome !== 'ok') {
      return fail(
        reply,
        result.outcome === 'device-exists' ? 409 : 403,
        result.outcome,
        CODE_MESSAGES[result.outcome],
      );
    }
    return reply.code(201).send({
      v: PROTOCOL_VERSION,
      space: result.spaceId,
      device: signer.keyId,
      ...(result.package ? { package: result.package.toString('base64') } : {}),
    });
  });

  app.get('/v1/devices', { config: { auth: 'device' } }, async (request) => {
    const device = request.device as NonNullable<typeof request.device>;
    const devices = await ctx.meta.devices(device.spaceId);
    return {
      v: PROTOCOL_VERSION,
      devices: devices.map((d) => ({
        device: d.keyId,
        linkedAt: new Date(d.createdAt).toISOString(),
        removedAt: d.removedAt === null ? null : new Date(d.removedAt).toISOString(),
        thisDevice: d.keyId === device.keyId,
      })),
    };
  });

  app.delete<{ Params: { id: string } }>(
    '/v1/devices/:id',
    { config: { auth: 'device' } },
    async (request, reply) => {
      const device = request.device as NonNullable<typeof request.device>;
      const id = RandomId.safeParse(request.params.id);
      if (!id.success) return fail(reply, 400, 'bad-request', 'That is not a device id.');
      // A device may always unlink itself. Removing another needs the person's proof, so a
      // taken phone cannot remove the person's other devices before they remove it.
      if (id.data !== device.keyId) {
        const body = RemoveDeviceBody.safeParse(request.body);
        const identity = await ctx.meta.identityKey(device.spaceId);
        if (!body.success || !identity) {
          return fail(
            reply,
            403,
            'proof-needed',
            'Removing another device needs your passphrase. Type it and try again.',
          );
        }
        if (
          !removalProofHolds(body.data.proof, ed25519PublicKey(identity), device.spaceId, id.data)
        ) {
          return fail(
            reply,
            403,
            'bad-proof',
            'That did not prove it is you, so no device was removed. Check your passphrase and try again.',
          );
        }
      }
      const removed = await ctx.meta.removeDevice(device.spaceId, id.data, ctx.now());
      if (!removed)
        return fail(reply, 404, 'no-device', 'That device is not part of this casebook.');
      return { v: PROTOCOL_VERSION, removed: id.data };
    },
  );
}
