/**
 * WhatsApp "Export chat" parsing, 100,000 lines, against whatsapp-chat-parser on the same
 * text in the same run, and where the reference reads it wrong.
 * Run: npx tsx bench/import-whatsapp.ts [lines]   (default 100000)
 * Goal: parse speed ≥ 1.0 × whatsapp-chat-parser's (median of 7 runs each, alternated).
 * The chat is Android, UK layout, 24-hour clock, read in Europe/London; it crosses both 2024
 * clock changes, has multi-line messages, media, a subject change with a colon and a name
 * with ": ".
 */
import { parseString } from 'whatsapp-chat-parser';
import { parseWhatsApp } from '../packages/importers/src/messages/parse-whatsapp';
import {
  type WrittenMessage,
  writeWhatsApp,
} from '../packages/importers/src/messages/testing/whatsapp-writer';

const RUNS = 7;
const lines = Number(process.argv[2] ?? 100_000);
if (!Number.isInteger(lines) || lines < 100) throw new Error('lines must be a whole number ≥ 100');

const local = (ms: number) => new Date(ms).toISOString().slice(0, 19);
const messages: WrittenMessage[] = [
  {
    local: '2024-01-01T09:00:00',
    sender: '',
    text: 'Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.',
    system: true,
  },
];
let clock = Date.UTC(2024, 0, 1, 9, 0);
let written = 1;
for (let n = 0; written < lines; n++) {
  // A message every ~7 minutes runs through the year, across both clock changes.
  clock += (n % 13) * 60_000;
  const sender = n % 3 === 0 ? 'Alex Morgan' : n % 50 === 7 ? 'Dr: Who' : 'Sam Carter';
  let text = `message ${n}: where are you, I can see your car`;
  if (n % 10 === 0) text += `\nsecond line ${n}\nthird line`;
  if (n % 40 === 0) text = 'IMG-20240312-WA0001.jpg (file attached)';
  if (n % 97 === 0) text = '<Media omitted>';
  messages.push({ local: local(clock), sender, text });
  written += text.split('\n').length;
  if (n % 500 === 0) {
    messages.push({
      local: local(clock),
      sender: '',
      text: 'Sam Carter changed the subject to "Re: you"',
      system: true,
    });
    written++;
  }
}
// The autumn change: two different 01:30s, written in the file's order.
const autumn: WrittenMessage[] = [
  { local: '2024-10-27T01:30:00', sender: 'Sam Carter', text: 'first 01:30 (BST)' },
  { local: '2024-10-27T01:59:00', sender: 'Sam Carter', text: 'still BST' },
  { local: '2024-10-27T01:30:00', sender: 'Sam Carter', text: 'second 01:30 (GMT)' },
];
const cut = messages.findIndex((m) => m.local >= '2024-10-27T01:30:00');
messages.splice(cut < 0 ? messages.length : cut, 0, ...autumn);
const text = writeWhatsApp(messages, {
  platform: 'android',
  order: 'day-first',
  clock: '24h',
  year: 4,
  separator: '/',
});
const lineCount = text.split('\n').length - 1;

// BENCH_WHATSAPP_ONLY=ours|theirs: parse 20 times with one side only and stop (for
// `node --cpu-prof`: a profile of one parser without the other's samples).
const only = process.env.BENCH_WHATSAPP_ONLY;
if (only === 'ours' || only === 'theirs') {
  for (let i = 0; i < 20; i++) {
    if (only === 'ours') parseWhatsApp(text, { zone: 'Europe/London' });
    else parseString(text, { daysFirst: true, parseAttachments: true });
  }
  process.exit(0);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}
const ours: number[] = [];
const theirs: number[] = [];
for (let i = 0; i < 2; i++) {
  parseWhatsApp(text);
  parseString(text, { daysFirst: true });
}
for (let i = 0; i < RUNS; i++) {
  let t = performance.now();
  parseWhatsApp(text, { zone: 'Europe/London' });
  ours.push(performance.now() - t);
  t = performance.now();
  parseString(text, { daysFirst: true, parseAttachments: true });
  theirs.push(performance.now() - t);
}
const a = median(ours);
const b = median(theirs);

const result = parseWhatsApp(text, { zone: 'Europe/London' });
if (!result.ok) throw new Error(JSON.stringify(result));
const mine = result.value.messages;
const ref = parseString(text, { daysFirst: true, parseAttachments: true });

// Where the reference errs, counted against what the file says.
const refAutumn = ref
  .filter((m) => /01:30 \((BST|GMT)\)/.test(m.message))
  .map((m) => m.date.getTime());
const ourAutumn = mine
  .filter((m) => /01:30 \((BST|GMT)\)/.test(m.text))
  .map((m) => (m.time.known === 'wall-clock' ? m.time.instant : ''));
const hostShift = ref.filter((m, i) => {
  const o = mine[i];
  return (
    o !== undefined &&
    o.time.known === 'wall-clock' &&
    m.date.getTime() !== Date.parse(o.time.instant)
  );
}).length;
const refSystemAsPeople = ref.filter(
  (m) => m.author !== null && /changed the subject/.test(m.author),
).length;
const ourSystem = mine.filter((m) => m.flags.system && /changed the subject/.test(m.text)).length;
const refSplitNames = ref.filter((m) => m.author === 'Dr').length;
const ourWhole = mine.filter((m) => m.sender === 'Dr: Who').length;

console.log(
  `Host zone: ${Intl.DateTimeFormat().resolvedOptions().timeZone}; ${lineCount.toLocaleString('en-GB')} lines, ${(text.length / 1e6).toFixed(1)} M characters, ${mine.length.toLocaleString('en-GB')} messages.`,
);
console.log('');
console.log(
  '| lines | parseWhatsApp (median of 7) | whatsapp-chat-parser (median of 7) | speed ratio | goal |',
);
console.log('|---:|---:|---:|---:|---|');
console.log(
  `| ${lineCount.toLocaleString('en-GB')} | ${a.toFixed(0)} ms | ${b.toFixed(0)} ms | ${(b / a).toFixed(2)}× | ≥ 1.0× ${b / a >= 1 ? '✓' : '✗'} |`,
);
console.log('');
console.log('| what the file says | whatsapp-chat-parser | parseWhatsApp |');
console.log('|---|---|---|');
console.log(
  `| two different 01:30s on 27 Oct 2024 | ${new Set(refAutumn).size} distinct instant(s) | ${new Set(ourAutumn).size} distinct: ${ourAutumn.join(', ')} (flagged ambiguous) |`,
);
console.log(
  `| times in Europe/London, whatever the host | ${hostShift.toLocaleString('en-GB')} messages at another instant than the zone gives | read in the chosen zone |`,
);
console.log(
  `| subject changes containing ": " | ${refSystemAsPeople} taken as people's messages | ${ourSystem} system messages |`,
);
console.log(
  `| sender "Dr: Who" | ${refSplitNames} messages credited to "Dr" | ${ourWhole} credited to "Dr: Who" |`,
);
