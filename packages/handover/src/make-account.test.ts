/**
 * The handover end to end, in memory: a vault with a realistic case (the demo builder's
 * records, plus two details a disclosure copy must not carry and three real evidence files)
 * → prepareAccount + makeBundle → verifyBundle with the audit check. Then what a disclosure
 * copy leaves out, and what a forged or cut audit log looks like to the checker.
 */
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildDemoCasebook,
  createPrng,
  EVIDENCE_ITEM_SCHEMA_VERSION,
  EvidenceIdSchema,
  type EvidenceItem,
  ImportedIdSchema,
  type ImportedMessageRecord,
  type Incident,
  migrate,
  newId,
  prngRandom,
  type RecordKind,
} from '@casebook/core';
import {
  type BundleReport,
  type PdfFonts,
  publicKeyPem,
  type RedactionProfile,
  verifyBundle,
} from '@casebook/report';
import { identityPublicKey, KDF_FLOOR, signManifest, Vault } from '@casebook/vault';
import { createMemoryStore } from '@casebook/vault/memory';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from '@zip.js/zip.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_PATHS, checkBundleAudit } from './audit-files';
import { makeBundle, prepareAccount } from './make-account';

const PASS = 'correct horse battery staple';
const IMAGES = new URL('../../../fixtures/images/', import.meta.url);
/** Google Pixel photo with GPS 50.2996028, 14.8202944 (fixtures/images/README.md). */
const GPS_JPEG = readFileSync(new URL('IMG_20180725_163423-tiny.jpg', IMAGES));
/** Canon photo, no GPS. */
const PLAIN_JPEG = readFileSync(new URL('img_1771.jpg', IMAGES));
const NOTES = new TextEncoder().encode('Notes I wrote the same evening.\nHe waited an hour.\n');

/** What a disclosure copy redacts by default: the child's name and the new address. */
const CHILD = 'Marigoldine';
const ADDRESS = 'Quillfeather Close';
const WITNESS_PHONE = '07700 900461';
/** As the snapshot writes the photo's GPS (coordsText: five decimals). */
const GPS_TEXT = '50.29960';

const require = createRequire(import.meta.url);
const font = (spec: string) => new Uint8Array(readFileSync(require.resolve(spec)));
const fonts: PdfFonts = {
  regular: font('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: font('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  italic: font('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf'),
  emoji: font('@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf'),
};

const sha256 = () => createHash('sha256');
const hexOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function checkEd25519(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array) {
  try {
    return verify(null, message, createPublicKey(publicKeyPem(publicKey)), signature);
  } catch {
    return false;
  }
}

async function once(bytes: Uint8Array) {
  return (async function* () {
    yield bytes;
  })();
}

interface Case {
  vault: Vault;
  /** The incident holding the child's name and the new address. */
  incident: Incident;
  gpsPhoto: EvidenceItem;
  plainPhoto: EvidenceItem;
  notes: EvidenceItem;
}

/** A demo case, small, with one incident at the new home naming a child, and three files. */
async function makeCase(): Promise<Case> {
  const { vault } = await Vault.create(createMemoryStore(), PASS, { kdf: KDF_FLOOR });
  const random = prngRandom(createPrng(99));
  const demo = buildDemoCasebook({
    seed: 5,
    incidents: 6,
    weeks: 2,
    startDate: '2026-01-05',
    zone: 'Europe/London',
  });
  const put = async (kind: RecordKind, id: string, body: unknown) => {
    // Everything put here must be a valid core record, or the report would leave it out.
    const checked = migrate(kind, body);
    expect(checked.ok, `${kind} ${id}: ${checked.ok ? '' : checked.reason}`).toBe(true);
    await vault.put(kind, id, body);
  };
  for (const person of demo.people) await put('person', person.id, person);
  const [first, ...others] = demo.incidents;
  if (!first) throw new Error('the demo made no incidents');
  const ids = {
    gps: newId(EvidenceIdSchema, random),
    plain: newId(EvidenceIdSchema, random),
    notes: newId(EvidenceIdSchema, random),
  };
  const incident: Incident = {
    ...first,
    location: { text: `14 ${ADDRESS}, Hathersage`, placeType: 'home' },
    whatHappened: 'He was standing at the end of the drive when I came back from the shops.',
    impactOnOthers: `${CHILD} saw him from the window and would not sleep in her own room.`,
    witnesses: [{ name: 'The neighbour at number 16', contact: WITNESS_PHONE }],
    evidence: [ids.gps, ids.plain, ids.notes],
  };
  await put('incident', incident.id, incident);
  for (const other of others) await put('incident', other.id, { ...other, evidence: [] });
  for (const call of demo.calls) await put('call', call.id, call);
  for (const item of demo.items) await put('item', item.id, { ...item, evidence: [] });

  const addEvidence = async (
    id: EvidenceItem['id'],
    bytes: Uint8Array,
    details: Pick<EvidenceItem, 'mediaType' | 'originalName' | 'exhibitRef'> &
      Partial<EvidenceItem>,
  ): Promise<EvidenceItem> => {
    const info = await vault.addFile(await once(bytes));
    const item: EvidenceItem = {
      schema: EVIDENCE_ITEM_SCHEMA_VERSION,
      id,
      blobId: info.blobId as EvidenceItem['blobId'],
      sha256: info.sha256,
      size: info.size,
      intakeAt: '2026-01-06T19:40:00.000Z',
      source: 'upload',
      incidents: [incident.id],
      ...details,
    };
    await put('evidence', id, item);
    return item;
  };
  const gpsPhoto = await addEvidence(ids.gps, GPS_JPEG, {
    mediaType: 'image/jpeg',
    originalName: 'IMG_20180725_163423.jpg',
    exhibitRef: 'AB/1',
    description: 'Photo of him at the end of the drive.',
    extracted: {
      takenAt: { raw: '2018:07:25 16:34:23', source: 'exif' },
      gps: { lat: 50.2996028, lng: 14.8202944 },
      device: 'Google Pixel',
    },
  });
  const plainPhoto = await addEvidence(ids.plain, PLAIN_JPEG, {
    mediaType: 'image/jpeg',
    originalName: 'IMG_1771.jpg',
    exhibitRef: 'AB/2',
    // Its metadata was read at intake and held no location; the disclosure copy still leaves
    // it out, since what intake reads cannot vouch for a file (XMP, odd GPS tags).
    extracted: { takenAt: { raw: '2019:01:01 10:00:00', source: 'exif' } },
  });
  const notes = await addEvidence(ids.notes, NOTES, {
    mediaType: 'text/plain',
    originalName: 'notes.txt',
    exhibitRef: 'AB/3',
  });
  return { vault, incident, gpsPhoto, plainPhoto, notes };
}

/** A WritableStream that keeps what it is given. */
function memorySink() {
  const parts: Uint8Array[] = [];
  const writable = new WritableStream<Uint8Array>({
    write: (chunk) => {
      parts.push(chunk.slice());
    },
  });
  const bytes = () => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  return { writable, bytes };
}

async function bundleOf(vault: Vault, profile: RedactionProfile) {
  const account = await prepareAccount(vault, {
    title: 'Account of incidents',
    timeZone: 'Europe/London',
    casebookVersion: '0.1.0',
    generatedAt: '2026-03-01T12:00:00.000Z',
    redaction: { profile },
  });
  const sink = memorySink();
  const outcome = await makeBundle(
    vault,
    account,
    { fonts, sha256, producer: 'Casebook 0.1.0 (test)' },
    sink.writable,
  );
  if (!outcome.ok) throw new Error(outcome.message);
  return { account, outcome, zip: sink.bytes() };
}

async function check(zip: Uint8Array): Promise<BundleReport> {
  const result = await verifyBundle(new Uint8ArrayReader(zip), {
    sha256,
    checkSignature: checkEd25519,
    checkAudit: checkBundleAudit,
  });
  if (!result.ok) throw new Error(result.message);
  return result.report;
}

/** Every entry of a ZIP, decompressed, in order. */
async function entriesOf(zip: Uint8Array): Promise<Map<string, Uint8Array>> {
  const reader = new ZipReader(new Uint8ArrayReader(zip), { useWebWorkers: false });
  const out = new Map<string, Uint8Array>();
  for (const entry of await reader.getEntries()) {
    if (entry.directory) continue;
    out.set(entry.filename, await entry.getData(new Uint8ArrayWriter(), { useWebWorkers: false }));
  }
  await reader.close();
  return out;
}

async function zipOf(entries: ReadonlyMap<string, Uint8Array>): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false, zip64: true });
  for (const [path, bytes] of entries) {
    await writer.add(path, new Uint8ArrayReader(bytes), { level: 0 });
  }
  return writer.close();
}

/** Which files (by path) hold `needle`, searching the raw ZIP and every entry decompressed. */
async function whereIs(zip: Uint8Array, needle: string) {
  let entries = unzipped.get(zip);
  if (!entries) {
    entries = await entriesOf(zip);
    unzipped.set(zip, entries);
  }
  const found: string[] = [];
  if (Buffer.from(zip).includes(needle)) found.push('(raw zip bytes)');
  for (const [path, bytes] of entries) {
    if (Buffer.from(bytes).includes(needle)) found.push(path);
  }
  return found;
}
const unzipped = new WeakMap<Uint8Array, Map<string, Uint8Array>>();

function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-handover-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const jsonl = (bytes: Uint8Array) =>
  text(bytes)
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const toJsonl = (values: readonly unknown[]) =>
  utf8(values.map((v) => `${JSON.stringify(v)}\n`).join(''));

interface IndexFile {
  path: string;
  role: string;
  sha256: string;
  size: number;
  ref?: string;
}

/**
 * The bundle with some files changed, bundle.json and MANIFEST.sha256 made to match (as a
 * careful forger would), and the manifest signed by `signer`; `publicKey` goes in pubkey.pem.
 */
async function reforged(
  zip: Uint8Array,
  changes: Record<string, (old: Uint8Array) => Uint8Array>,
  signer: { publicKey: Uint8Array; sign(manifest: Uint8Array): Promise<Uint8Array> },
): Promise<Uint8Array> {
  const entries = await entriesOf(zip);
  for (const [path, change] of Object.entries(changes)) {
    const old = entries.get(path);
    if (!old) throw new Error(`no ${path} in the bundle`);
    entries.set(path, change(old));
  }
  const index = JSON.parse(text(entries.get('bundle.json') ?? new Uint8Array())) as {
    files: IndexFile[];
  };
  for (const row of index.files) {
    const bytes = entries.get(row.path);
    if (bytes) Object.assign(row, { sha256: hexOf(bytes), size: bytes.length });
  }
  entries.set('bundle.json', utf8(`${JSON.stringify(index, null, 2)}\n`));
  const lines = text(entries.get('MANIFEST.sha256') ?? new Uint8Array())
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const path = line.slice(66);
      const bytes = entries.get(path);
      if (!bytes) throw new Error(`the manifest lists ${path}, which is not in the bundle`);
      return `${hexOf(bytes)}  ${path}\n`;
    });
  const manifest = utf8(lines.join(''));
  entries.set('MANIFEST.sha256', manifest);
  entries.set('MANIFEST.sha256.sig', await signer.sign(manifest));
  entries.set('pubkey.pem', utf8(publicKeyPem(signer.publicKey)));
  return zipOf(entries);
}

function forgerKey() {
  const pair = generateKeyPairSync('ed25519');
  const der = pair.publicKey.export({ format: 'der', type: 'spki' });
  return {
    publicKey: new Uint8Array(der.subarray(der.length - 32)),
    sign: async (message: Uint8Array) => new Uint8Array(sign(null, message, pair.privateKey)),
  };
}

const messages = (report: BundleReport) => report.problems.map((p) => p.message).join('\n');

let c: Case;
let police: Awaited<ReturnType<typeof bundleOf>>;
let disclosure: Awaited<ReturnType<typeof bundleOf>>;
/** The log as it stood when the police bundle was made (its last entry is that bundle's note). */
let logAfterPolice: Awaited<ReturnType<Vault['auditLog']>>;

beforeAll(async () => {
  c = await makeCase();
  police = await bundleOf(c.vault, 'police');
  logAfterPolice = await c.vault.auditLog();
  disclosure = await bundleOf(c.vault, 'disclosure');
});

describe('a bundle made from the vault', () => {
  it('holds every record and file, is intact, and its audit log checks against the signing key', async () => {
    expect(police.account.leftOut).toEqual([]);
    expect(police.account.snapshot.incidents).toHaveLength(6);
    expect(police.account.snapshot.exhibits.map((e) => e.ref).sort()).toEqual([
      'AB/1',
      'AB/2',
      'AB/3',
    ]);
    const report = await check(police.zip);
    expect(report.problems).toEqual([]);
    expect(report.intact).toBe(true);
    expect(report.signature).toBe('valid');
    expect(report.exhibits).toBe(3);
    expect(report.audit).toMatchObject({ ok: true });
    expect(report.audit !== 'absent' && report.audit !== 'not-checked' && report.audit.ok).toBe(
      true,
    );
    if (typeof report.audit === 'object' && report.audit.ok) {
      expect(report.audit.summary).toMatch(/^checked up to entry \d+ /);
      expect(report.audit.summary).not.toMatch(/withheld/);
    }

    // The originals are the very bytes taken in.
    const entries = await entriesOf(police.zip);
    const evidence = [...entries].filter(([path]) => path.startsWith('evidence/'));
    expect(evidence.map(([, bytes]) => hexOf(bytes)).sort()).toEqual(
      [GPS_JPEG, PLAIN_JPEG, NOTES].map(hexOf).sort(),
    );
  });

  it('notes the bundle in the signed log with the SHA-256 of its manifest', async () => {
    const last = logAfterPolice.at(-1);
    expect(last?.op).toBe('handover');
    expect(last?.sha256).toBe(hexOf(police.outcome.manifest));
    expect(last && 'detail' in last && last.detail).toMatchObject({
      what: 'bundle',
      profile: 'police',
      incidents: 6,
      exhibits: 3,
    });
    // The manifest noted is the one in the bundle.
    const inZip = (await entriesOf(police.zip)).get('MANIFEST.sha256');
    expect(inZip && hexOf(inZip)).toBe(hexOf(police.outcome.manifest));
    // And the disclosure bundle made after it is noted too, after it.
    const now = (await c.vault.auditLog()).at(-1);
    expect(now).toMatchObject({ op: 'handover', sha256: hexOf(disclosure.outcome.manifest) });
    expect((await c.vault.verify()).problems).toEqual([]);
  });

  it('its audit log names the entries the vault has, up to the one before its own note', async () => {
    const entries = await entriesOf(police.zip);
    const words = jsonl(entries.get(AUDIT_PATHS.log) ?? new Uint8Array());
    // The bundle's own note is made after the bundle, so it is the one entry not in it.
    expect(words.length).toBe(logAfterPolice.length - 1);
    expect(words.map((w) => w.seq)).toEqual(logAfterPolice.slice(0, -1).map((e) => e.seq));
  });
});

describe('a disclosure bundle', () => {
  const secrets = { child: CHILD, address: ADDRESS, 'witness phone': WITNESS_PHONE, gps: GPS_TEXT };

  it('carries the child’s name, new address, witness phone and photo location in the police copy (positive control)', async () => {
    for (const needle of Object.values(secrets)) {
      const found = await whereIs(police.zip, needle);
      expect(found, needle).toContain('data/case.json');
    }
    const pdf = (await entriesOf(police.zip)).get('report/report.pdf');
    if (!pdf) throw new Error('no report.pdf');
    const words = pdfText(pdf);
    expect(words).toContain(CHILD);
    expect(words).toContain(ADDRESS);
    expect(words).toContain(WITNESS_PHONE);
  });

  it('has none of them anywhere: raw ZIP bytes, every entry decompressed, the PDF’s text', async () => {
    for (const [what, needle] of Object.entries(secrets)) {
      expect(await whereIs(disclosure.zip, needle), what).toEqual([]);
    }
    const pdf = (await entriesOf(disclosure.zip)).get('report/report.pdf');
    if (!pdf) throw new Error('no report.pdf');
    const words = pdfText(pdf);
    expect(words.length).toBeGreaterThan(500);
    for (const needle of Object.values(secrets)) expect(words).not.toContain(needle);
    // The incident itself is still there, with what happened.
    expect(words).toContain('standing at the end of the drive');
    // And the redactions are named in the log of what went out, by path, never by value.
    const paths = disclosure.account.redactions.map((r) => r.path);
    expect(paths.some((p) => /^incidents\.INC-\d{4}\.impactOnOthers$/.test(p))).toBe(true);
    expect(paths.some((p) => /^incidents\.INC-\d{4}\.location\.text$/.test(p))).toBe(true);
    expect(paths).toContain('exhibits.AB/1.gps');
    const note = (await c.vault.auditLog()).at(-1);
    expect(note && 'detail' in note && note.detail).toMatchObject({ profile: 'disclosure' });
    expect(JSON.stringify(note)).not.toContain(CHILD);
  });

  it('withholds record hashes in its audit log; the police copy keeps them (control)', async () => {
    const recordHashes = logAfterPolice
      .filter((e) => e.kind === 'incident' || e.kind === 'person' || e.kind === 'evidence')
      .map((e) => e.sha256);
    expect(recordHashes.length).toBeGreaterThan(10);
    for (const h of recordHashes) expect(await whereIs(police.zip, h)).not.toEqual([]);
    for (const h of recordHashes) expect(await whereIs(disclosure.zip, h)).toEqual([]);

    const entries = await entriesOf(disclosure.zip);
    const head = JSON.parse(text(entries.get(AUDIT_PATHS.head) ?? new Uint8Array()));
    expect(head.withheld).toBe('record-hashes');
    const words = jsonl(entries.get(AUDIT_PATHS.log) ?? new Uint8Array());
    const incidentWords = words.filter((w) => w.kind === 'incident');
    expect(incidentWords.length).toBeGreaterThan(0);
    expect(incidentWords.every((w) => w.sha256 === 'withheld')).toBe(true);
    // File hashes stay: the exhibits' own hashes are what the bundle is checked by.
    expect(words.some((w) => w.op === 'add-file' && w.sha256 === hexOf(NOTES))).toBe(true);

    const report = await check(disclosure.zip);
    expect(report.problems).toEqual([]);
    expect(report.intact).toBe(true);
    expect(typeof report.audit === 'object' && report.audit.ok && report.audit.summary).toMatch(
      /record hashes withheld/,
    );
  });

  it('lists the photos but leaves their originals out; the police copy carries them (control)', async () => {
    const policeEntries = await entriesOf(police.zip);
    const disclosureEntries = await entriesOf(disclosure.zip);
    const files = (entries: Map<string, Uint8Array>) =>
      (JSON.parse(text(entries.get('bundle.json') ?? new Uint8Array())) as { files: IndexFile[] })
        .files;
    const evidenceRefs = (entries: Map<string, Uint8Array>) =>
      files(entries)
        .filter((f) => f.role === 'evidence')
        .map((f) => f.ref)
        .sort();
    expect(evidenceRefs(policeEntries)).toEqual(['AB/1', 'AB/2', 'AB/3']);
    // notes.txt (text/plain) is left out too: a text file may be an export naming anyone.
    expect(evidenceRefs(disclosureEntries)).toEqual([]);
    const carries = (entries: Map<string, Uint8Array>, bytes: Uint8Array) =>
      [...entries.values()].some((b) => hexOf(b) === hexOf(bytes));
    expect(carries(policeEntries, GPS_JPEG)).toBe(true);
    expect(carries(disclosureEntries, GPS_JPEG)).toBe(false);
    // A photo with no location found is left out too (intake cannot vouch for it); the police
    // copy carries it.
    expect(carries(disclosureEntries, PLAIN_JPEG)).toBe(false);
    expect(carries(policeEntries, PLAIN_JPEG)).toBe(true);
    // Still listed: in the exhibits CSV and the case JSON, by its ref and its hash.
    const csv = text(disclosureEntries.get('report/exhibits.csv') ?? new Uint8Array());
    expect(csv).toContain('AB/1');
    expect(csv).toContain(c.gpsPhoto.sha256);
    const json = text(disclosureEntries.get('data/case.json') ?? new Uint8Array());
    expect(json).toContain(c.gpsPhoto.sha256);
    expect(disclosure.account.snapshot.exhibits.map((e) => e.ref)).toContain('AB/1');
    // The note says how many exhibits were in the copy.
    expect(disclosure.outcome.files.filter((f) => f.role === 'evidence')).toHaveLength(0);
  });
});

describe('a disclosure bundle and the message exports', () => {
  /** In the export's bytes only: the account redacts it from the messages by a term. */
  const NUMBER = '07700 900987';
  const REFUGE = 'Larkspur House';
  it('leaves out every export and any text, JSON or XML file; the police copy carries them (control)', async () => {
    const { vault } = await Vault.create(createMemoryStore(), PASS, { kdf: KDF_FLOOR });
    const random = prngRandom(createPrng(11));
    await vault.put('incident', c.incident.id, { ...c.incident, evidence: [] });
    const chat = utf8(
      `12/03/2024, 21:06 - Sam: Ring me on ${NUMBER}\n12/03/2024, 21:07 - Me: I am at ${REFUGE}\n`,
    );
    const json = utf8(JSON.stringify({ messages: [{ from: 'Mum', text: `at ${REFUGE}` }] }));
    const xml = utf8(`<smses><sms address="${NUMBER}" body="${REFUGE}"/></smses>`);
    const files: { bytes: Uint8Array; mediaType: string; originalName: string }[] = [
      // Named and typed as nothing in particular: left out because messages point at it.
      { bytes: chat, mediaType: 'application/octet-stream', originalName: 'export' },
      { bytes: json, mediaType: 'application/json', originalName: 'message_1' },
      { bytes: xml, mediaType: 'application/octet-stream', originalName: 'sms-backup.xml' },
    ];
    const ids: EvidenceItem['id'][] = [];
    for (const [i, f] of files.entries()) {
      const id = newId(EvidenceIdSchema, random);
      ids.push(id);
      const info = await vault.addFile(await once(f.bytes));
      const item: EvidenceItem = {
        schema: EVIDENCE_ITEM_SCHEMA_VERSION,
        id,
        blobId: info.blobId as EvidenceItem['blobId'],
        sha256: info.sha256,
        size: info.size,
        mediaType: f.mediaType,
        originalName: f.originalName,
        exhibitRef: `AB/${i + 1}`,
        intakeAt: '2026-01-06T19:40:00.000Z',
        source: 'import',
        incidents: [],
      };
      expect(migrate('evidence', item).ok).toBe(true);
      await vault.put('evidence', id, item);
    }
    const message: ImportedMessageRecord = {
      schema: 1,
      id: newId(ImportedIdSchema, random),
      exhibit: { evidenceId: ids[0] as EvidenceItem['id'], exhibitRef: 'AB/1' },
      from: 'responsible',
      message: {
        schema: 1,
        key: 'whatsapp:1',
        channel: 'whatsapp',
        time: { known: 'epoch', instant: '2024-03-12T21:06:00Z' },
        sender: 'Sam',
        text: `Ring me on ${NUMBER}`,
        attachments: [],
        flags: {},
        source: { line: 1, lineEnd: 1 },
      },
    };
    expect(migrate('imported-message', message).ok).toBe(true);
    await vault.put('imported-message', message.id, message);

    const made = async (profile: RedactionProfile) => {
      const account = await prepareAccount(vault, {
        title: 'Account of incidents',
        timeZone: 'Europe/London',
        casebookVersion: '0.1.0',
        generatedAt: '2026-03-01T12:00:00.000Z',
        redaction: { profile, terms: [{ text: NUMBER, reason: 'phone number' }] },
      });
      const sink = memorySink();
      const outcome = await makeBundle(
        vault,
        account,
        { fonts, sha256, producer: 'Casebook 0.1.0 (test)' },
        sink.writable,
      );
      if (!outcome.ok) throw new Error(outcome.message);
      return sink.bytes();
    };
    const policeZip = await made('police');
    const disclosureZip = await made('disclosure');
    const carries = async (zip: Uint8Array, bytes: Uint8Array) =>
      [...(await entriesOf(zip)).values()].some((b) => hexOf(b) === hexOf(bytes));
    for (const f of files) {
      expect(await carries(policeZip, f.bytes), f.originalName).toBe(true);
      expect(await carries(disclosureZip, f.bytes), f.originalName).toBe(false);
    }
    expect(await whereIs(policeZip, REFUGE)).not.toEqual([]);
    expect(await whereIs(disclosureZip, REFUGE)).toEqual([]);
    expect(await whereIs(disclosureZip, NUMBER)).toEqual([]);
    // Still listed, by ref and hash, and the message is in the PDF with the number redacted.
    const entries = await entriesOf(disclosureZip);
    const csv = text(entries.get('report/exhibits.csv') ?? new Uint8Array());
    for (const f of files) expect(csv).toContain(hexOf(f.bytes));
    const words = pdfText(entries.get('report/report.pdf') ?? new Uint8Array());
    expect(words).toContain('Ring me on');
    expect(words).not.toContain(NUMBER);
    expect(words).not.toContain(REFUGE);
  });
});

describe('a disclosure bundle and a photo whose location was never read', () => {
  // Known gap, not fixed here: leftOutOfDisclosure trusts the metadata recorded at intake
  // (`extracted.gps`), not the file's bytes. An original taken in without it (metadata that
  // could not be read, an older intake, an import, the demo casebook's own files) goes out in
  // the disclosure copy with its GPS inside — unless a photo whose metadata was never read is
  // left out too, as it now is.
  it('leaves out an original whose bytes hold GPS even when none was recorded', async () => {
    const { vault } = await Vault.create(createMemoryStore(), PASS, { kdf: KDF_FLOOR });
    const random = prngRandom(createPrng(7));
    const png = readFileSync(new URL('png_with_exif_and_gps.png', IMAGES));
    const incident = { ...c.incident, evidence: [] as EvidenceItem['id'][] };
    const id = newId(EvidenceIdSchema, random);
    incident.evidence = [id];
    await vault.put('incident', incident.id, incident);
    const info = await vault.addFile(await once(png));
    const item: EvidenceItem = {
      schema: EVIDENCE_ITEM_SCHEMA_VERSION,
      id,
      blobId: info.blobId as EvidenceItem['blobId'],
      sha256: info.sha256,
      size: info.size,
      mediaType: 'image/png',
      originalName: 'Screenshot_20260106.png',
      exhibitRef: 'AB/1',
      intakeAt: '2026-01-06T19:40:00.000Z',
      source: 'import',
      incidents: [incident.id],
    };
    expect(migrate('evidence', item).ok).toBe(true);
    await vault.put('evidence', id, item);
    const made = await bundleOf(vault, 'disclosure');
    const carried = [...(await entriesOf(made.zip)).values()].some((b) => hexOf(b) === hexOf(png));
    expect(carried).toBe(false);
  });
});

describe('a forged or cut audit log', () => {
  const realSigner = () => ({
    publicKey: identityPublicKey(c.vault),
    sign: (manifest: Uint8Array) => signManifest(c.vault, manifest),
  });

  it('re-hashing and re-signing an unchanged bundle with the vault’s own key stays intact (control for the rewrite)', async () => {
    const same = await reforged(police.zip, { [AUDIT_PATHS.log]: (b) => b }, realSigner());
    const report = await check(same);
    expect(report.problems).toEqual([]);
    expect(report.intact).toBe(true);
  });

  it('a changed log.jsonl re-signed by another key: the audit check says the log belongs to a different key', async () => {
    const forger = forgerKey();
    const zip = await reforged(
      police.zip,
      {
        [AUDIT_PATHS.log]: (bytes) => {
          const words = jsonl(bytes);
          const target = words.find((w) => w.kind === 'incident');
          if (target) target.time = '2025-12-25T09:00:00.000Z';
          return toJsonl(words);
        },
      },
      forger,
    );
    const report = await check(zip);
    expect(report.intact).toBe(false);
    // The forger re-hashed carefully: the signature checks and every file matches its line.
    expect(report.signature).toBe('valid');
    expect(report.problems.every((p) => p.kind === 'audit')).toBe(true);
    expect(messages(report)).toMatch(/belongs to a different key/);
  });

  it('the same with the head claiming the forger’s key: the chain and the signed head do not check', async () => {
    const forger = forgerKey();
    const forgerHex = Buffer.from(forger.publicKey).toString('hex');
    const zip = await reforged(
      police.zip,
      {
        [AUDIT_PATHS.head]: (bytes) => {
          const head = JSON.parse(text(bytes));
          head.identityKey = forgerHex;
          return utf8(`${JSON.stringify(head, null, 2)}\n`);
        },
      },
      forger,
    );
    const report = await check(zip);
    expect(report.intact).toBe(false);
    expect(report.signature).toBe('valid');
    expect(report.problems.length).toBeGreaterThan(0);
    expect(report.problems.every((p) => p.kind === 'audit')).toBe(true);
    expect(messages(report)).not.toMatch(/different key/);
    expect(messages(report)).toMatch(/signed head is not signed by this casebook’s key/);
  });

  it('a changed chain.jsonl re-signed by another key: the altered entry and the key are named', async () => {
    const forger = forgerKey();
    const zip = await reforged(
      police.zip,
      {
        [AUDIT_PATHS.chain]: (bytes) => {
          const chain = jsonl(bytes);
          const env = chain[1]?.env as { ct: string };
          env.ct = `${env.ct[0] === 'A' ? 'B' : 'A'}${env.ct.slice(1)}`;
          return toJsonl(chain);
        },
      },
      forger,
    );
    const report = await check(zip);
    expect(report.intact).toBe(false);
    expect(report.problems.every((p) => p.kind === 'audit')).toBe(true);
    expect(messages(report)).toMatch(/entry 1 has been altered/);
    expect(messages(report)).toMatch(/belongs to a different key/);
  });

  it('a cut audit log (last entries removed), re-signed by the real vault: the cut is named', async () => {
    const cut = (bytes: Uint8Array) => toJsonl(jsonl(bytes).slice(0, -2));
    const zip = await reforged(
      police.zip,
      { [AUDIT_PATHS.chain]: cut, [AUDIT_PATHS.log]: cut },
      realSigner(),
    );
    const report = await check(zip);
    expect(report.intact).toBe(false);
    expect(report.signature).toBe('valid');
    expect(report.problems.every((p) => p.kind === 'audit')).toBe(true);
    expect(messages(report)).toMatch(
      /The signed head names entry \d+, which is not in this audit log: entries are missing/,
    );
    expect(messages(report)).not.toMatch(/different key/);
  });

  it('an audit file removed from the bundle and the manifest: named as missing', async () => {
    const entries = await entriesOf(police.zip);
    entries.delete(AUDIT_PATHS.chain);
    const manifest = utf8(
      text(entries.get('MANIFEST.sha256') ?? new Uint8Array())
        .split('\n')
        .filter((l) => l !== '' && !l.endsWith(`  ${AUDIT_PATHS.chain}`))
        .map((l) => `${l}\n`)
        .join(''),
    );
    entries.set('MANIFEST.sha256', manifest);
    entries.set('MANIFEST.sha256.sig', await signManifest(c.vault, manifest));
    const report = await check(await zipOf(entries));
    expect(report.intact).toBe(false);
    expect(messages(report)).toMatch(/audit\/chain\.jsonl is missing/);
  });
});
