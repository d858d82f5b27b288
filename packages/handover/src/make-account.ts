/**
 * What a person hands over, made from an unlocked vault: the PDF report, the CSVs, the JSON,
 * and the evidence bundle. Each is made from one redacted copy of the snapshot (the record is
 * never changed), and each is noted in the signed log with its hash.
 */
import {
  accountJson,
  type BundleOutcome,
  buildSnapshot,
  type CaseSnapshot,
  chronologyCsv,
  type EvidenceInput,
  exhibitsCsv,
  type GeneratedFile,
  type PdfFonts,
  type RedactionLogEntry,
  type RedactionOptions,
  redactSnapshot,
  renderPdf,
  type Sha256Factory,
  writeBundle,
} from '@casebook/report';
import {
  getManifest,
  identityPublicKey,
  noteHandover,
  readFile,
  sha256Hex,
  signManifest,
  type Vault,
} from '@casebook/vault';
import { auditFiles } from './audit-files';
import { type CaseChoices, gatherCase } from './gather-case';

export interface AccountOptions extends CaseChoices {
  readonly redaction: RedactionOptions;
}

export interface PreparedAccount {
  /** The redacted copy every output is made from. */
  readonly snapshot: CaseSnapshot;
  readonly redactions: readonly RedactionLogEntry[];
  /** Records that could not be read, so are not in it. */
  readonly leftOut: readonly { kind: string; id: string; problem: string }[];
  /** evidence id → blob id, for the exhibits in the snapshot. */
  readonly blobs: ReadonlyMap<string, string>;
  /**
   * Evidence whose file a disclosure copy may carry (see `leftOutOfDisclosure`): not a photo,
   * video or recording, not an export that messages or calls were imported from, and not an
   * archive, text, mail, XML or JSON file.
   */
  readonly locationFree: ReadonlySet<string>;
}

export async function prepareAccount(
  vault: Vault,
  options: AccountOptions,
): Promise<PreparedAccount> {
  const { input, leftOut } = await gatherCase(vault, options);
  const { snapshot, log } = redactSnapshot(buildSnapshot(input), options.redaction);
  const blobs = new Map(input.evidence.map((e) => [e.body.id, e.body.blobId]));
  const exports = new Set([
    ...(input.messages ?? []).map((m) => m.exhibit.evidenceId),
    ...(input.importedCalls ?? []).map((c) => c.body.exhibit.evidenceId),
  ]);
  const locationFree = new Set(
    input.evidence
      .filter(
        (e) =>
          !MAY_HOLD_PLACE.test(e.body.mediaType) &&
          !MAY_HOLD_ANYONE.test(e.body.mediaType) &&
          !MAY_HOLD_ANYONE_BY_NAME.test(e.body.originalName) &&
          !exports.has(e.body.id),
      )
      .map((e) => e.body.id),
  );
  return { snapshot, redactions: log, leftOut, blobs, locationFree };
}

const redactionLines = (log: readonly RedactionLogEntry[]) =>
  log.map((r) => `${r.path}: ${r.reason}`);

async function note(
  vault: Vault,
  account: PreparedAccount,
  what: string,
  bytes: Uint8Array | string,
): Promise<void> {
  await noteHandover(vault, {
    what,
    profile: account.snapshot.redaction.profile,
    incidents: account.snapshot.incidents.length,
    exhibits: account.snapshot.exhibits.length,
    redactions: redactionLines(account.redactions),
    sha256: await sha256Hex(bytes),
  });
}

/** Images embedded in the PDF's appendices: photos as stored, small enough to embed unchanged. */
export const PDF_IMAGE_TYPES = new Set(['image/jpeg', 'image/png']);
export const PDF_IMAGE_MAX_BYTES = 8 * 1024 * 1024;
export const PDF_IMAGE_MAX_COUNT = 200;

async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of source) {
    parts.push(part);
    size += part.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

async function pdfImages(vault: Vault, account: PreparedAccount): Promise<Map<string, Uint8Array>> {
  const images = new Map<string, Uint8Array>();
  for (const exhibit of account.snapshot.exhibits) {
    if (images.size >= PDF_IMAGE_MAX_COUNT) break;
    if (!PDF_IMAGE_TYPES.has(exhibit.mediaType) || exhibit.size > PDF_IMAGE_MAX_BYTES) continue;
    if (leftOutOfDisclosure(account, exhibit.id)) continue;
    const blobId = account.blobs.get(exhibit.id);
    if (blobId) images.set(exhibit.id, await collect(readFile(vault, blobId)));
  }
  return images;
}

/**
 * A photo's, video's or recording's original bytes keep its hidden metadata, which may hold a
 * place (a new home), and a bundle must carry originals unchanged so their hashes hold. What
 * intake reads cannot vouch for a file: it misses XMP, video and audio atoms, and odd GPS tags
 * (found by the review). So a disclosure copy carries no such original, nor any copy in its PDF:
 * each is listed with its hash, its file left out. The same for a message or call export and
 * any archive, text, mail, XML or JSON file (`MAY_HOLD_ANYONE`). The police copy carries every
 * file.
 */
export function leftOutOfDisclosure(account: PreparedAccount, exhibitId: string): boolean {
  if (account.snapshot.redaction.profile !== 'disclosure') return false;
  return !account.locationFree.has(exhibitId);
}

/** Photos, videos and recordings can carry a location in their hidden metadata. */
const MAY_HOLD_PLACE = /^(image|video|audio)\//;

/**
 * The original of a message or call export (a WhatsApp .zip or .txt, an .mbox, an SMS backup's
 * XML, a Telegram or Facebook JSON) holds every name, number and address the account redacts
 * from its messages, and a zip holds photos with their GPS (found by the review). Such files,
 * and any exhibit an imported message or call points at, are left out of a disclosure copy
 * (listed with their hash); by type, and by name when the type was not known.
 */
const MAY_HOLD_ANYONE =
  /^(text\/|message\/|application\/(zip|x-zip-compressed|gzip|x-tar|x-7z-compressed|vnd\.rar|mbox|xml|json|.*\+xml|.*\+json))|\/(xml|json)$/i;
const MAY_HOLD_ANYONE_BY_NAME = /\.(zip|txt|mbox|eml|xml|json|csv|html?)$/i;

export async function makePdf(
  vault: Vault,
  account: PreparedAccount,
  fonts: PdfFonts,
): Promise<Uint8Array> {
  const bytes = await renderPdf(account.snapshot, {
    fonts,
    images: await pdfImages(vault, account),
  });
  await note(vault, account, 'pdf', bytes);
  return bytes;
}

export async function makeCsv(
  vault: Vault,
  account: PreparedAccount,
  which: 'chronology' | 'exhibits',
): Promise<string> {
  const text =
    which === 'chronology' ? chronologyCsv(account.snapshot) : exhibitsCsv(account.snapshot);
  await note(vault, account, `csv-${which}`, text);
  return text;
}

export async function makeJson(vault: Vault, account: PreparedAccount): Promise<string> {
  const text = accountJson(account.snapshot);
  await note(vault, account, 'json', text);
  return text;
}

export interface BundleOptions {
  readonly fonts: PdfFonts;
  readonly sha256: Sha256Factory;
  readonly producer: string;
  readonly signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The evidence bundle, streamed into `output`; noted in the log once it is whole. */
export async function makeBundle(
  vault: Vault,
  account: PreparedAccount,
  options: BundleOptions,
  output: WritableStream<Uint8Array>,
): Promise<BundleOutcome> {
  const disclosure = account.snapshot.redaction.profile === 'disclosure';
  const pdf = await renderPdf(account.snapshot, {
    fonts: options.fonts,
    images: await pdfImages(vault, account),
  });
  const audit = await auditFiles(vault, { withholdRecordHashes: disclosure });
  const generated: GeneratedFile[] = [
    { path: 'report/report.pdf', bytes: pdf },
    { path: 'report/chronology.csv', bytes: utf8(chronologyCsv(account.snapshot)) },
    { path: 'report/exhibits.csv', bytes: utf8(exhibitsCsv(account.snapshot)) },
    { path: 'data/case.json', bytes: utf8(accountJson(account.snapshot)) },
    ...audit.files,
  ];
  const evidence: EvidenceInput[] = [];
  for (const exhibit of account.snapshot.exhibits) {
    const blobId = account.blobs.get(exhibit.id);
    if (!blobId || leftOutOfDisclosure(account, exhibit.id)) continue;
    const manifest = await getManifest(vault, blobId);
    if (!manifest) continue;
    const name = typeof exhibit.originalName === 'string' ? exhibit.originalName : 'file';
    evidence.push({
      ref: exhibit.ref,
      originalName: name,
      sha256: manifest.sha256,
      size: manifest.size,
      sidecar: exhibit,
      open: () => readFile(vault, blobId),
    });
  }
  // Left the screen, or cancelled, while the report was being made: nothing goes out.
  if (options.signal?.aborted) {
    await output.abort('cancelled').catch(() => undefined);
    return { ok: false, reason: 'cancelled', message: 'The bundle was cancelled.' };
  }
  const outcome = await writeBundle(
    {
      createdAt: new Date(),
      producer: options.producer,
      generated,
      evidence,
      publicKey: identityPublicKey(vault),
      sign: (manifest) => signManifest(vault, manifest),
      sha256: options.sha256,
      ...(options.signal && { signal: options.signal }),
      ...(options.onProgress && { onProgress: options.onProgress }),
    },
    output,
  );
  if (outcome.ok) await note(vault, account, 'bundle', outcome.manifest);
  return outcome;
}
