import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { threadSha256 } from './thread-sha256';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('threadSha256', () => {
  it('gives node:crypto’s digest for pieces of any size, the caller reusing one buffer', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 77);
    const hasher = threadSha256();
    const buffer = new Uint8Array(1024 * 1024);
    for (let at = 0, step = 1; at < data.length; at += step, step = (step * 7 + 13) % 1_048_576) {
      const piece = data.subarray(at, at + step);
      buffer.set(piece);
      const wait = hasher.update(buffer.subarray(0, piece.length));
      // The buffer is reused at once, before the hash thread has read it: update copied it.
      buffer.fill(0xaa);
      await wait;
    }
    expect(hex(await hasher.digest())).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('differs when one byte differs (the digest is of what was sent)', async () => {
    const data = randomBytes(3 * 1024 * 1024);
    const hasher = threadSha256();
    const changed = Buffer.from(data);
    changed[1_500_000] = (changed[1_500_000] ?? 0) ^ 1;
    await hasher.update(changed);
    expect(hex(await hasher.digest())).not.toBe(createHash('sha256').update(data).digest('hex'));
  });
});
