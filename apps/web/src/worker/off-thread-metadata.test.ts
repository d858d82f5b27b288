import { NOTES } from '@casebook/importers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MetadataReply, MetadataRequest } from './metadata-protocol';
import {
  METADATA_TIMEOUT_MS,
  METADATA_UNREAD_NOTE,
  readMetadataOffThread,
} from './off-thread-metadata';

type Behaviour = 'answers' | 'hostile' | 'unknown-note' | 'crashes' | 'hangs' | 'cannot-start';

const GOOD: MetadataReply = {
  metadata: { takenAt: { raw: '2025:03:03 14:05:09', source: 'exif' }, device: 'Pixel 8' },
  notes: [NOTES.timeFromCameraNoOffset],
};

/** Stands in for metadata.worker.ts; records what it was given and whether it was ended. */
function installFakeWorker(behaviour: Behaviour) {
  const seen = { requests: [] as MetadataRequest[], transfers: [] as unknown[], terminated: 0 };
  class FakeWorker {
    onmessage: ((event: { data: MetadataReply }) => void) | null = null;
    onerror: ((event: { preventDefault(): void }) => void) | null = null;
    onmessageerror: (() => void) | null = null;
    constructor() {
      if (behaviour === 'cannot-start') throw new Error('no workers here');
    }
    postMessage(message: MetadataRequest, transfer: Transferable[]) {
      seen.requests.push(message);
      seen.transfers.push(...transfer);
      const answer = (data: MetadataReply) => setTimeout(() => this.onmessage?.({ data }), 1);
      if (behaviour === 'answers') answer(GOOD);
      if (behaviour === 'hostile') {
        answer({ metadata: { device: 'x', script: '<img onerror=alert(1)>' }, notes: [] });
      }
      if (behaviour === 'unknown-note') answer({ ...GOOD, notes: ['Send your passphrase to…'] });
      if (behaviour === 'crashes') {
        setTimeout(() => this.onerror?.({ preventDefault: () => undefined }), 1);
      }
    }
    terminate() {
      seen.terminated++;
    }
  }
  vi.stubGlobal('Worker', FakeWorker);
  return seen;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const request = () => ({ bytes: new Uint8Array([0xff, 0xd8, 0xff]), name: 'IMG_0001.jpg' });
const UNREAD = { metadata: {}, notes: [METADATA_UNREAD_NOTE] };

describe('readMetadataOffThread', () => {
  it('hands over the prefix and name (bytes transferred) and ends the worker after its answer', async () => {
    const seen = installFakeWorker('answers');
    const sent = request();
    const result = await readMetadataOffThread(sent, new AbortController().signal);
    expect(result).toEqual(GOOD);
    expect(seen.requests).toEqual([sent]);
    expect(seen.transfers).toEqual([sent.bytes.buffer]);
    expect(seen.terminated).toBe(1);
  });

  it('a reply that is not what extraction returns gives no metadata', async () => {
    const seen = installFakeWorker('hostile');
    expect(await readMetadataOffThread(request(), new AbortController().signal)).toEqual(UNREAD);
    expect(seen.terminated).toBe(1);
  });

  it('a note the app does not know is refused too', async () => {
    installFakeWorker('unknown-note');
    expect(await readMetadataOffThread(request(), new AbortController().signal)).toEqual(UNREAD);
  });

  it('a crash gives no metadata and a plain note', async () => {
    const seen = installFakeWorker('crashes');
    expect(await readMetadataOffThread(request(), new AbortController().signal)).toEqual(UNREAD);
    expect(seen.terminated).toBe(1);
  });

  it('a worker that cannot start gives no metadata', async () => {
    installFakeWorker('cannot-start');
    expect(await readMetadataOffThread(request(), new AbortController().signal)).toEqual(UNREAD);
  });

  it('a hung worker is ended after the timeout', async () => {
    vi.useFakeTimers();
    const seen = installFakeWorker('hangs');
    let result: unknown;
    void readMetadataOffThread(request(), new AbortController().signal).then((r) => {
      result = r;
    });
    await vi.advanceTimersByTimeAsync(METADATA_TIMEOUT_MS - 1);
    expect(result).toBeUndefined();
    expect(seen.terminated).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toEqual(UNREAD);
    expect(seen.terminated).toBe(1);
  });

  it('cancelling the intake ends the worker at once', async () => {
    const seen = installFakeWorker('hangs');
    const controller = new AbortController();
    const reading = readMetadataOffThread(request(), controller.signal);
    controller.abort();
    expect(await reading).toEqual(UNREAD);
    expect(seen.terminated).toBe(1);
  });
});
