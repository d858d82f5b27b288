/**
 * Sync: push envelopes, pull changes since a sequence number, put and get encrypted chunks.
 * The server never merges: every envelope a device sends is kept under its own id and
 * sequence number; which revision wins is for the person, on their device.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { chunkKey } from '../blobs/blob-store';
import { fail, type ServerContext } from '../context';
import type { Device } from '../db/meta-store';
import {
  ChangesQuery,
  ENVELOPE_PADDING,
  MAX_CHUNK_BYTES,
  MAX_ENVELOPE_BYTES,
  MissingBody,
  PROTOCOL_VERSION,
  PushBody,
  RandomId,
} from '../protocol/schemas';

/** Base64 of 200 envelopes of 1 MiB would be far more; a push is capped by bytes too. */
export const MAX_PUSH_BODY = 24 * 1024 * 1024;
/** A pull page stops once it holds about this many envelope bytes. */
const MAX_PULL_BYTES = 8 * 1024 * 1024;

export function syncRoutes(app: FastifyInstance, ctx: ServerContext) {
  app.post(
    '/v1/push',
    { config: { auth: 'device' }, bodyLimit: MAX_PUSH_BODY },
    async (request, reply) => {
      const device = request.device as Device;
      const body = PushBody.safeParse(request.body);
      if (!body.success) return fail(reply, 400, 'bad-request', 'That push could not be read.');
      const items = [];
      for (const envelope of body.data.envelopes) {
        const data = Buffer.from(envelope.data, 'base64');
        if (data.length === 0 || data.length % ENVELOPE_PADDING !== 0) {
          return fail(
            reply,
            400,
            'not-padded',
            `Each envelope must be padded to a multiple of ${ENVELOPE_PADDING} bytes.`,
          );
        }
        if (data.length > MAX_ENVELOPE_BYTES) {
          return fail(
            reply,
            413,
            'too-large',
            'An envelope is at most 1 MiB; send files as chunks.',
          );
        }
        items.push({ id: envelope.id, data, digest: createHash('sha256').update(data).digest() });
      }
      const { results, head } = await ctx.meta.push(device.spaceId, device.keyId, items, ctx.now());
      if (results.some((r) => r.status === 'conflict')) {
        return reply.code(409).send({
          error: {
            code: 'id-reused',
            message:
              'An envelope id was sent before with other bytes. Nothing in this push was kept.',
          },
          results,
        });
      }
      return { v: PROTOCOL_VERSION, head, results };
    },
  );

  app.get('/v1/changes', { config: { auth: 'device' } }, async (request, reply) => {
    const device = request.device as Device;
    const query = ChangesQuery.safeParse(request.query);
    if (!query.success)
      return fail(reply, 400, 'bad-request', 'Those pull settings could not be read.');
    const rows = await ctx.meta.changes(device.spaceId, query.data.since, query.data.limit);
    const page = [];
    let bytes = 0;
    for (const row of rows) {
      if (page.length > 0 && bytes + row.data.length > MAX_PULL_BYTES) break;
      bytes += row.data.length;
      page.push({
        seq: row.seq,
        id: row.id,
        device: row.deviceId,
        time: new Date(row.createdAt).toISOString(),
        data: row.data.toString('base64'),
      });
    }
    const head = await ctx.meta.head(device.spaceId);
    const last =
      page.length > 0 ? (page[page.length - 1] as { seq: number }).seq : query.data.since;
    return { v: PROTOCOL_VERSION, head, changes: page, more: last < head };
  });

  app.put<{ Params: { id: string } }>(
    '/v1/chunks/:id',
    { config: { auth: 'device' }, bodyLimit: MAX_CHUNK_BYTES },
    async (request, reply) => {
      const device = request.device as Device;
      const id = RandomId.safeParse(request.params.id);
      if (!id.success) return fail(reply, 400, 'bad-request', 'That is not a chunk id.');
      if (request.headers['content-type'] !== 'application/octet-stream') {
        return fail(reply, 415, 'bad-type', 'A chunk is sent as application/octet-stream.');
      }
      const bytes = request.rawBody;
      if (bytes.length === 0) return fail(reply, 400, 'empty', 'A chunk cannot be empty.');
      const digest = createHash('sha256').update(bytes).digest();
      const before = await ctx.meta.chunk(device.spaceId, id.data);
      if (before) {
        if (!before.digest.equals(digest)) {
          return fail(reply, 409, 'id-reused', 'That chunk id was sent before with other bytes.');
        }
        return reply.code(200).send({ v: PROTOCOL_VERSION, id: id.data, status: 'already' });
      }
      // Bytes first, then the row: a row always means the bytes are there. The write never
      // replaces a chunk, so two PUTs of one id with other bytes racing past the check above
      // cannot leave a row naming one digest over the other's bytes.
      const written = await ctx.blobs.putIfAbsent(chunkKey(device.spaceId, id.data), bytes);
      if (written === 'conflict') {
        return fail(reply, 409, 'id-reused', 'That chunk id was sent before with other bytes.');
      }
      const status = await ctx.meta.noteChunk(
        device.spaceId,
        id.data,
        bytes.length,
        digest,
        ctx.now(),
      );
      if (status === 'conflict') {
        return fail(reply, 409, 'id-reused', 'That chunk id was sent before with other bytes.');
      }
      return reply
        .code(status === 'stored' ? 201 : 200)
        .send({ v: PROTOCOL_VERSION, id: id.data, status });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/chunks/:id',
    { config: { auth: 'device' } },
    async (request, reply) => {
      const device = request.device as Device;
      const id = RandomId.safeParse(request.params.id);
      if (!id.success) return fail(reply, 400, 'bad-request', 'That is not a chunk id.');
      const known = await ctx.meta.chunk(device.spaceId, id.data);
      const bytes = known && (await ctx.blobs.get(chunkKey(device.spaceId, id.data)));
      if (!known || !bytes)
        return fail(reply, 404, 'no-chunk', 'That chunk is not on this server.');
      // A damaged or replaced object is never served as the chunk that was sent. Its row is
      // dropped, so `chunks/missing` asks for it again and the device that has the file sends
      // it at its next sync; its bytes are kept aside, not deleted, since they may be the only
      // copy left (the row may be what was damaged) and an operator may need to look.
      if (!createHash('sha256').update(bytes).digest().equals(known.digest)) {
        await ctx.meta.forgetChunk(device.spaceId, id.data);
        await ctx.blobs.quarantine(chunkKey(device.spaceId, id.data), bytes);
        // No ids in the log (README: logs carry no ids); the quarantine folder says which.
        request.log.error(
          { code: 'chunk-digest' },
          'stored chunk does not match its digest; kept aside under quarantine/',
        );
        return fail(
          reply,
          502,
          'damaged',
          'That piece of a file was damaged on the server. The device that has the file will send it again when it next syncs; try again after that.',
        );
      }
      return reply.type('application/octet-stream').send(bytes);
    },
  );

  app.post('/v1/chunks/missing', { config: { auth: 'device' } }, async (request, reply) => {
    const device = request.device as Device;
    const body = MissingBody.safeParse(request.body);
    if (!body.success)
      return fail(reply, 400, 'bad-request', 'That list of chunks could not be read.');
    return {
      v: PROTOCOL_VERSION,
      missing: await ctx.meta.missingChunks(device.spaceId, body.data.ids),
    };
  });
}
