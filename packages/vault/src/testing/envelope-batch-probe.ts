/**
 * Child process for envelope-batch.test.ts. The envelopes and their keys come from the parent
 * process (sealed with its libsodium), so neither key nor plaintext was ever in this process's
 * libsodium heap before. They are opened with openEnvelopes and the heap is searched for the key
 * and the plaintext; then the same with openEnvelope, which leaves both behind.
 */
import { fromBase64, utf8 } from '../encoding';
import { openEnvelope } from '../envelope';
import { openEnvelopes } from '../envelope-batch';
import { getSodium } from '../sodium';
import type { Envelope } from '../types';
import { heapContains as contains } from './heap-probe';

export interface ProbeInput {
  readonly batch: { key: string; text: string; envelopes: Envelope[] };
  readonly single: { key: string; text: string; envelope: Envelope };
}

const input = JSON.parse(process.argv[2] as string) as ProbeInput;
const sodium = await getSodium();
const heap = () => (sodium as unknown as { libsodium: { HEAPU8: Uint8Array } }).libsodium.HEAPU8;

const batchKey = fromBase64(input.batch.key) as Uint8Array;
const opened = await openEnvelopes(batchKey, input.batch.envelopes);
const batchOpened = opened.every(
  (o) => (o?.value as { body?: string } | undefined)?.body === input.batch.text,
);
const keyAfterBatch = contains(heap(), batchKey);
const plaintextAfterBatch = contains(heap(), utf8(input.batch.text));

const singleKey = fromBase64(input.single.key) as Uint8Array;
await openEnvelope(singleKey, input.single.envelope);
const keyAfterOneByOne = contains(heap(), singleKey);
const plaintextAfterOneByOne = contains(heap(), utf8(input.single.text));

process.stdout.write(
  JSON.stringify({
    batchOpened,
    keyAfterBatch,
    plaintextAfterBatch,
    keyAfterOneByOne,
    plaintextAfterOneByOne,
  }),
);
