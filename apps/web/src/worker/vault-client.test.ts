import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RpcRequest, WorkerMessage } from './protocol';
import { VaultClient, VaultClosedError } from './vault-client';

type Answer = 'answers' | 'hangs';

/** Stands in for the vault worker; records what it was sent and when it was ended. */
function installFakeWorker(answer: Answer) {
  const events: string[] = [];
  const workers: FakeWorker[] = [];
  class FakeWorker {
    onmessage: ((event: { data: WorkerMessage }) => void) | null = null;
    onerror: ((event: { preventDefault(): void }) => void) | null = null;
    terminated = false;
    constructor() {
      workers.push(this);
    }
    postMessage(message: RpcRequest) {
      events.push(`post ${message.method}`);
      if (message.method === 'lock' && answer === 'answers') {
        // The worker's wipe takes a moment; meanwhile an earlier call's answer arrives late.
        setTimeout(() => this.onmessage?.({ data: { id: 1, ok: true, value: 'late' } }), 5);
        setTimeout(() => {
          events.push('lock answered');
          this.onmessage?.({ data: { id: message.id, ok: true, value: undefined } });
        }, 10);
      }
    }
    terminate() {
      this.terminated = true;
      events.push('terminate');
    }
  }
  vi.stubGlobal('Worker', FakeWorker);
  return { events, workers };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('VaultClient.lock', () => {
  it('posts lock first, fails pending calls at once, and terminates after the answer', async () => {
    const { events, workers } = installFakeWorker('answers');
    const client = new VaultClient();
    const pending = client.call('list', 'incident');
    const locked = client.lock();
    // The lock message went out before lock() returned, and pending calls failed already.
    expect(events).toEqual(['post list', 'post lock']);
    await expect(pending).rejects.toBeInstanceOf(VaultClosedError);
    expect(workers[0]?.terminated).toBe(false);
    await locked;
    expect(events).toEqual(['post list', 'post lock', 'lock answered', 'terminate']);
  });

  it('terminates a worker that never answers after the timeout', async () => {
    vi.useFakeTimers();
    const { events, workers } = installFakeWorker('hangs');
    const client = new VaultClient();
    const failed = expect(client.call('status')).rejects.toBeInstanceOf(VaultClosedError);
    let done = false;
    void client.lock(300).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(299);
    expect(workers[0]?.terminated).toBe(false);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(workers[0]?.terminated).toBe(true);
    expect(done).toBe(true);
    expect(events).toEqual(['post status', 'post lock', 'terminate']);
    await failed;
  });

  it('starts a fresh worker for the next call; the one being locked cannot answer it', async () => {
    const { events, workers } = installFakeWorker('answers');
    const client = new VaultClient();
    void client.call('status').catch(() => undefined);
    const locked = client.lock();
    const next = client.call('status');
    expect(workers).toHaveLength(2);
    // An answer from the worker being locked never settles a call made to the new one.
    workers[0]?.onmessage?.({ data: { id: 3, ok: true, value: 'from the old worker' } });
    workers[1]?.onmessage?.({
      data: { id: 3, ok: true, value: { exists: true, unlocked: false } },
    });
    await expect(next).resolves.toEqual({ exists: true, unlocked: false });
    await locked;
    expect(workers[0]?.terminated).toBe(true);
    expect(workers[1]?.terminated).toBe(false);
    expect(events.filter((e) => e === 'terminate')).toHaveLength(1);
  });

  it('with no worker yet, does nothing', async () => {
    const { workers } = installFakeWorker('answers');
    await new VaultClient().lock();
    expect(workers).toHaveLength(0);
  });
});

describe('VaultClient seen tokens', () => {
  it('hands the worker\'s "last seen" tokens on, and the one in the lock answer', async () => {
    const { workers } = installFakeWorker('hangs');
    const seen: string[] = [];
    const client = new VaultClient({ onSeen: (t) => seen.push(t) });
    const pending = client.call('status');
    const worker = workers[0];
    worker?.onmessage?.({ data: { seen: 'token-after-write' } });
    worker?.onmessage?.({ data: { id: 1, ok: true, value: { exists: true, unlocked: true } } });
    await expect(pending).resolves.toEqual({ exists: true, unlocked: true });
    const locked = client.lock();
    // The lock request is the second id; its answer carries the token taken before the wipe.
    worker?.onmessage?.({ data: { id: 2, ok: true, value: { wipedBytes: 1, seen: 'at-lock' } } });
    await locked;
    expect(seen).toEqual(['token-after-write', 'at-lock']);
    expect(worker?.terminated).toBe(true);
  });
});
