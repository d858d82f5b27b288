/**
 * Countersigned history: a device posts its signed head and the entry hashes since the last
 * one; the server countersigns it with its own time only when it extends what the server saw
 * of that chain, and keeps it. A shorter or forked history is refused and nothing is kept.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { fail, type ServerContext } from '../context';
import type { Device, StoredCheckpoint } from '../db/meta-store';
import { countersign } from '../protocol/countersign';
import {
  CheckpointBody,
  type Countersigned,
  MAX_CHAIN_HASHES,
  PROTOCOL_VERSION,
} from '../protocol/schemas';

const REFUSALS = {
  shorter: 'This history is shorter than the one the server already confirmed. Nothing was kept.',
  forked: 'This history differs from the one the server already confirmed. Nothing was kept.',
  gap: 'Some entries since the last confirmed point are missing. Send them all.',
  'not-yours': 'That chain belongs to another device of this casebook.',
  mismatch: 'The entry hashes do not end at the head that was sent.',
} as const;

export function checkpointRoutes(app: FastifyInstance, ctx: ServerContext) {
  const countersigned = (spaceId: string, c: StoredCheckpoint): Countersigned => {
    const fields = {
      v: PROTOCOL_VERSION,
      domain: 'casebook-countersign-v1' as const,
      space: spaceId,
      chain: c.chain,
      device: c.deviceId,
      seq: c.seq,
      head: c.head,
      checkpointSha256: createHash('sha256').update(c.checkpoint).digest('hex'),
      serverTime: new Date(c.serverTime).toISOString(),
    };
    return { ...fields, sig: c.serverSig };
  };

  app.post(
    '/v1/checkpoints',
    { config: { auth: 'device' }, bodyLimit: 2 * 1024 * 1024 },
    async (request, reply) => {
      const device = request.device as Device;
      // A long history goes up in pages (PROTOCOL.md): say so rather than "could not be read".
      const hashes = (request.body as { hashes?: unknown } | null)?.hashes;
      if (Array.isArray(hashes) && hashes.length > MAX_CHAIN_HASHES) {
        return fail(
          reply,
          413,
          'too-many-hashes',
          `Send at most ${MAX_CHAIN_HASHES.toLocaleString('en-GB')} entry hashes at once, then the rest in the next post, starting just after the last one sent.`,
        );
      }
      const body = CheckpointBody.safeParse(request.body);
      if (!body.success)
        return fail(reply, 400, 'bad-request', 'That checkpoint could not be read.');
      const checkpoint = Buffer.from(body.data.checkpoint, 'base64');
      const checkpointSha256 = createHash('sha256').update(checkpoint).digest('hex');
      const outcome = await ctx.meta.checkpoint({
        spaceId: device.spaceId,
        chain: body.data.chain,
        deviceId: device.keyId,
        seq: body.data.seq,
        head: body.data.head,
        from: body.data.from,
        hashes: body.data.hashes,
        checkpoint,
        serverTime: ctx.now(),
        sign: ({ seq, head, serverTime }) =>
          countersign(
            {
              v: PROTOCOL_VERSION,
              domain: 'casebook-countersign-v1',
              space: device.spaceId,
              chain: body.data.chain,
              device: device.keyId,
              seq,
              head,
              checkpointSha256,
              serverTime: new Date(serverTime).toISOString(),
            },
            ctx.serverKey,
          ),
      });
      if (outcome.status !== 'countersigned' && outcome.status !== 'already') {
        return fail(reply, 409, outcome.status, REFUSALS[outcome.status]);
      }
      return reply.code(outcome.status === 'countersigned' ? 201 : 200).send({
        v: PROTOCOL_VERSION,
        checkpoint: countersigned(device.spaceId, outcome.checkpoint),
      });
    },
  );

  app.get('/v1/checkpoints', { config: { auth: 'device' } }, async (request) => {
    const device = request.device as Device;
    const latest = await ctx.meta.latestCheckpoints(device.spaceId);
    return {
      v: PROTOCOL_VERSION,
      serverKey: ctx.serverPublicKey.toString('base64url'),
      checkpoints: latest.map((c) => ({
        ...countersigned(device.spaceId, c),
        deviceCheckpoint: c.checkpoint.toString('base64'),
      })),
    };
  });
}
