/**
 * Writes the sort hint v1 golden file once (`npx tsx
 * packages/vault/test/golden/make-sort-hint-golden-v1.ts`). Never run it again for v1: the file
 * it wrote is what every later version must still open (or, if v1 is ever retired, refuse
 * calmly: a hint is a cache, and a casebook without one still opens).
 */
import { writeFile } from 'node:fs/promises';
import { type SortHint, sealSortHint } from '../../src/sort-hint';

const ck = new Uint8Array(32).map((_, i) => i * 11 + 5);
const hint: SortHint = {
  v: 1,
  kind: 'incident',
  label: 'incident-timeline/1',
  width: 2,
  ids: ['golden-a', 'golden-b', 'golden-c'],
  revs: [1, 3, 2],
  nonces: ['AAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBB', 'CCCCCCCCCCCCCCCC'],
  keys: [1772546520000, 1772546520000, 1772460120000, 1772632920000, 1743505200000, 1772546580000],
};
const bytes = await sealSortHint(ck, hint);
await writeFile(
  new URL('sort-hint-v1.json', import.meta.url),
  `${JSON.stringify(
    {
      format: 'casebook-sort-hint-v1',
      ckHex: Buffer.from(ck).toString('hex'),
      metaKey: 'sort-hint:incident',
      storedBase64: Buffer.from(bytes).toString('base64'),
      hint,
    },
    null,
    2,
  )}\n`,
);
