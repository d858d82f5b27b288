/**
 * The Report screen's work, in the vault worker (the records never leave it whole): a preview
 * of what a report would hold, the PDF / CSV / JSON files, and the evidence bundle streamed to
 * a download. Each file made is noted in the signed log (see @casebook/handover). pdfmake is
 * loaded only when a PDF or bundle is first made, so unlock stays as quick as it was.
 */
import type { PdfFonts, RedactionChoice, TextValue } from '@casebook/report';
import { nobleSha256, type Vault } from '@casebook/vault';
import emoji from '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf?url';
import regular from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import bold from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import italic from 'dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf?url';
import { serveDownload } from './download-port';
import type { LongCallContext } from './evidence-ops';
import type { BundleResult, MadeFile, ReportChoices, ReportPreview } from './report-types';

const VERSION = '0.1.0';

const fontUrls = { regular, bold, italic, emoji };

let fonts: Promise<PdfFonts> | undefined;
/** The fonts ship with the app (same origin, cached by the service worker): never fetched from elsewhere. */
function loadFonts(): Promise<PdfFonts> {
  fonts ??= (async () => {
    const read = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());
    return {
      regular: await read(fontUrls.regular),
      bold: await read(fontUrls.bold),
      italic: await read(fontUrls.italic),
      emoji: await read(fontUrls.emoji),
    };
  })();
  fonts.catch(() => {
    fonts = undefined;
  });
  return fonts;
}

const handover = () => import('@casebook/handover');

/** A report value as plain text, redactions as "[Redacted: reason]" (as the report's own words). */
function plain(value: TextValue): string {
  if (typeof value === 'string') return value;
  if ('parts' in value) return value.parts.map((p) => plain(p)).join('');
  return `[Redacted: ${value.reason}]`;
}

async function prepare(vault: Vault, choices: ReportChoices) {
  const { prepareAccount } = await handover();
  const fields: RedactionChoice[] = [
    ...choices.redact.map((path) => ({
      path,
      action: 'redact' as const,
      reason: 'chosen by the person',
    })),
    ...choices.show.map((path) => ({ path, action: 'show' as const })),
  ];
  const range =
    choices.from || choices.to
      ? { ...(choices.from && { from: choices.from }), ...(choices.to && { to: choices.to }) }
      : undefined;
  return prepareAccount(vault, {
    title: choices.title.trim() || 'Account of incidents',
    timeZone: choices.timeZone,
    casebookVersion: VERSION,
    ...(range && { range }),
    redaction: {
      profile: choices.profile,
      fields,
      terms: choices.words
        .map((text) => text.trim())
        .filter((text) => text.length > 0)
        .map((text) => ({ text, reason: 'chosen by the person' })),
    },
  });
}

export async function reportPreview(vault: Vault, choices: ReportChoices): Promise<ReportPreview> {
  const { leftOutOfDisclosure } = await handover();
  const account = await prepare(vault, choices);
  const { snapshot } = account;
  return {
    title: snapshot.title,
    range: snapshot.range.text,
    counts: {
      incidents: snapshot.counts.incidents,
      exhibits: snapshot.counts.exhibits,
      people: snapshot.counts.people,
      calls: snapshot.counts.calls,
    },
    first: snapshot.incidents.slice(0, 5).map((inc) => ({
      number: inc.number,
      when: inc.when.text,
      what: plain(inc.whatHappened).slice(0, 280),
    })),
    redactions: account.redactions.map((r) => ({ path: r.path, reason: r.reason })),
    leftOut: account.leftOut.length,
    fingerprint: snapshot.fingerprint,
    withheldFiles: snapshot.exhibits.filter((e) => leftOutOfDisclosure(account, e.id)).length,
  };
}

const TYPES: Record<MadeFile, string> = {
  pdf: 'application/pdf',
  'csv-chronology': 'text/csv;charset=utf-8',
  'csv-exhibits': 'text/csv;charset=utf-8',
  json: 'application/json',
};

export async function makeReportFile(
  vault: Vault,
  what: MadeFile,
  choices: ReportChoices,
): Promise<Blob> {
  const { makeCsv, makeJson, makePdf } = await handover();
  const account = await prepare(vault, choices);
  if (what === 'pdf') {
    const bytes = await makePdf(vault, account, await loadFonts());
    return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: TYPES.pdf });
  }
  const body =
    what === 'json'
      ? await makeJson(vault, account)
      : await makeCsv(vault, account, what === 'csv-chronology' ? 'chronology' : 'exhibits');
  return new Blob([body], { type: TYPES[what] });
}

/**
 * The evidence bundle: streamed to `port` (the service worker's download) when there is one,
 * else gathered into a Blob of parts (the fallback). Progress counts evidence bytes.
 */
export async function makeBundleFile(
  vault: Vault,
  choices: ReportChoices,
  port: MessagePort | undefined,
  ctx: LongCallContext,
): Promise<BundleResult> {
  const { makeBundle } = await handover();
  ctx.progress({ done: 0, total: 0 });
  const account = await prepare(vault, choices);
  const pipe = new TransformStream<Uint8Array, Uint8Array>();
  let collected: Promise<Blob> | undefined;
  if (port) serveDownload(pipe.readable, port);
  else collected = new Response(pipe.readable).blob();
  const outcome = await makeBundle(
    vault,
    account,
    {
      fonts: await loadFonts(),
      sha256: nobleSha256,
      producer: `Casebook ${VERSION}`,
      signal: ctx.signal,
      onProgress: (done, total) => ctx.progress({ done, total }),
    },
    pipe.writable,
  );
  if (!outcome.ok) {
    port?.close();
    return {
      ok: false,
      message:
        outcome.reason === 'cancelled'
          ? 'The bundle was cancelled. Nothing was saved in your casebook; any part-downloaded file can be deleted.'
          : `${outcome.message} Your casebook is unchanged; run the check on the Audit log screen, then try again.`,
    };
  }
  const blob = collected ? await collected : undefined;
  return {
    ok: true,
    files: outcome.files.length,
    bytes: outcome.bytes,
    keyFingerprint: outcome.keyFingerprint,
    ...(blob && { blob: new Blob([blob], { type: 'application/zip' }) }),
  };
}
