/**
 * SMS Backup & Restore import of a generated file, streamed: time and peak memory.
 * Run: npx tsx bench/import-sms.ts [MiB]   (default 1024)
 * Goal: 1 GiB in ≤ 60 s with peak RSS ≤ 300 MiB. The file is generated as a stream in this
 * process (never written out): SMS with 10% emoji as surrogate references, and one MMS with
 * a 700 KB picture every 3 MiB, whose bytes go to a callback that only counts them. The
 * reference is the time to generate and UTF-8-decode the same bytes, without parsing.
 * With BENCH_SMS_FILE=bench/out/sms.xml the file is generated once onto disk (kept for later
 * runs), then read from there: the parse is timed alone, against reading and decoding it.
 */
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { readSmsBackup } from '../packages/importers/src/messages/sms-backup';
import {
  SMS_HEAD,
  SMS_TAIL,
  smsElement,
} from '../packages/importers/src/messages/testing/sms-backup-writer';

const mib = Number(process.argv[2] ?? 1024);
if (!Number.isFinite(mib) || mib <= 0) throw new Error('size in MiB must be a positive number');
const target = mib * 1024 * 1024;
const encoder = new TextEncoder();
const picture = Buffer.alloc(700_000, 7).toString('base64');
const mms = (date: number) =>
  `  <mms date="${date}" msg_box="1" address="07700900123" contact_name="Sam Carter"><parts><part seq="0" ct="image/jpeg" cl="IMG_0001.jpg" data="${picture}" /><part seq="0" ct="text/plain" text="look &#55357;&#56384;" /></parts><addrs><addr address="07700900123" type="137" charset="106" /></addrs></mms>\n`;

/** A thousand different messages, escaped once; each copy gets its own date. */
const variants = Array.from({ length: 1000 }, (_, n) =>
  smsElement({
    address: n % 3 === 0 ? '+447700900123' : '07700 900456',
    date: 0,
    type: n % 4 === 0 ? 2 : 1,
    body: `Message ${n}: where are you, I can see your car outside${n % 10 === 0 ? ' 😀😠👀' : ''}`,
    contactName: 'Sam Carter',
  }).split('date="0"'),
);

async function* generate(): AsyncGenerator<Uint8Array> {
  yield encoder.encode(SMS_HEAD);
  let written = 0;
  let n = 0;
  let nextMms = 3 * 1024 * 1024;
  while (written < target) {
    const parts: string[] = [];
    let length = 0;
    while (length < 1_000_000) {
      n++;
      const [before = '', after = ''] = variants[n % variants.length] ?? [];
      const element = `${before}date="${1_700_000_000_000 + n * 1000}"${after}`;
      parts.push(element);
      length += element.length;
    }
    if (written >= nextMms) {
      parts.push(mms(1_700_000_000_000 + n * 1000));
      nextMms += 3 * 1024 * 1024;
    }
    const bytes = encoder.encode(parts.join(''));
    written += bytes.length;
    yield bytes;
  }
  yield encoder.encode(SMS_TAIL);
}

let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().rss);
};

const file = process.env.BENCH_SMS_FILE;
if (file !== undefined && !(existsSync(file) && statSync(file).size >= target)) {
  const out = createWriteStream(file);
  for await (const c of generate())
    if (!out.write(c)) await new Promise<void>((r) => out.once('drain', () => r()));
  out.end();
  await finished(out);
}
/** The backup's bytes: generated as they are read, or read from the file made above. */
async function* source(): AsyncGenerator<Uint8Array> {
  if (file === undefined) {
    yield* generate();
    return;
  }
  for await (const c of createReadStream(file, { highWaterMark: 1024 * 1024 }))
    yield c as Uint8Array;
}

let start = performance.now();
let bytesSeen = 0;
const decoder = new TextDecoder();
for await (const c of source()) {
  bytesSeen += c.length;
  decoder.decode(c, { stream: true });
}
const referenceMs = performance.now() - start;

const baseline = process.memoryUsage().rss;
start = performance.now();
const cpuStart = process.cpuUsage();
let messages = 0;
let parts = 0;
let partBytes = 0;
let problems = 0;
const timer = setInterval(sample, 50);
for await (const item of readSmsBackup(source(), {
  onPart: (p) => {
    parts++;
    partBytes += p.bytes.length;
  },
})) {
  if (item.type === 'message') messages++;
  else if (item.type === 'problem') problems++;
  if (messages % 10_000 === 0) sample();
}
clearInterval(timer);
sample();
const parseMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const maxRss = process.resourceUsage().maxRSS * 1024;

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
console.log(
  `| input | messages | MMS parts | parse (wall, CPU) | reference: ${file === undefined ? 'generate' : 'read'} + decode | RSS before / peak sampled / maxRSS | goal |`,
);
console.log('|---:|---:|---:|---:|---:|---:|---|');
console.log(
  `| ${mb(bytesSeen)} | ${messages.toLocaleString('en-GB')} | ${parts} (${mb(partBytes)}) | ${(parseMs / 1000).toFixed(1)} s, ${cpuSeconds.toFixed(1)} CPU-s | ${(referenceMs / 1000).toFixed(1)} s | ${mb(baseline)} / ${mb(peak)} / ${mb(maxRss)} | ≤ 60 s ${parseMs <= 60_000 ? '✓' : '✗'}, ≤ 300 MiB ${maxRss <= 300 * 1024 * 1024 ? '✓' : '✗'} |`,
);
if (problems > 0) throw new Error(`${problems} problems reported`);
