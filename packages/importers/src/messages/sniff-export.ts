import { type ImportProblem, problem } from './import-problem';
import { readHeader } from './whatsapp-header';

export type ExportFormat =
  | 'whatsapp-text'
  | 'whatsapp-zip'
  | 'sms-backup'
  | 'calls-backup'
  | 'eml'
  | 'mbox'
  | 'telegram-json'
  | 'meta-json';

export type ExportSniff =
  | { readonly ok: true; readonly format: ExportFormat; readonly label: string }
  | { readonly ok: false; readonly problem: ImportProblem };

/** How many bytes of the file's start `sniffExport` wants. */
export const SNIFF_EXPORT_BYTES = 64 * 1024;

const LABELS: Record<ExportFormat, string> = {
  'whatsapp-text': 'WhatsApp chat (text)',
  'whatsapp-zip': 'WhatsApp chat with media (zip)',
  'sms-backup': 'Text messages (SMS Backup & Restore)',
  'calls-backup': 'Call log (SMS Backup & Restore)',
  eml: 'Email',
  mbox: 'Mailbox of emails',
  'telegram-json': 'Telegram export',
  'meta-json': 'Facebook or Instagram messages',
};

const ok = (format: ExportFormat): ExportSniff => ({ ok: true, format, label: LABELS[format] });

const EMAIL_HEADER =
  /^(?:Received|Return-Path|From|To|Date|Message-ID|MIME-Version|Subject|Delivered-To|DKIM-Signature|X-[\w-]+):/i;

/**
 * Which export a file is, from its first bytes (up to `SNIFF_EXPORT_BYTES`) and its name.
 * Content decides; the name only settles a zip whose first entry says nothing.
 */
export function sniffExport(head: Uint8Array, fileName: string): ExportSniff {
  if (head.length === 0) return { ok: false, problem: problem('empty') };
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    const nameLength = (head[26] ?? 0) | ((head[27] ?? 0) << 8);
    const first = new TextDecoder().decode(head.subarray(30, 30 + nameLength));
    if (/(^|\/)_chat\.txt$|whatsapp/i.test(first) || /whatsapp/i.test(fileName))
      return ok('whatsapp-zip');
    if (/\.txt$/i.test(first) && !first.includes('/')) return ok('whatsapp-zip');
    return {
      ok: false,
      problem: problem(
        'unsupported',
        'this zip is not a WhatsApp chat export; unzip it and choose the files inside',
      ),
    };
  }
  const text = new TextDecoder('utf-8').decode(head).replace(/^\ufeff/, '');
  const start = text.trimStart();
  if (start.startsWith('<')) {
    if (/<smses[\s>]/.test(text)) return ok('sms-backup');
    if (/<calls[\s>]/.test(text)) return ok('calls-backup');
    return {
      ok: false,
      problem: problem('not-an-export', 'it is XML, but not an SMS Backup & Restore file'),
    };
  }
  if (start.startsWith('{')) {
    if (
      /"timestamp_ms"\s*:/.test(text) ||
      (/"participants"\s*:/.test(text) && /"thread_path"/.test(text))
    ) {
      return ok('meta-json');
    }
    if (/"date_unixtime"\s*:|"personal_information"\s*:|"from_id"\s*:/.test(text))
      return ok('telegram-json');
    return {
      ok: false,
      problem: problem(
        'not-an-export',
        'it is JSON, but not a Telegram or Facebook/Instagram export',
      ),
    };
  }
  if (text.startsWith('From ')) return ok('mbox');
  const lines = text.split(/\r?\n/, 40);
  if (lines.slice(0, 20).some((l, i) => readHeader(l, i) !== undefined)) return ok('whatsapp-text');
  const headerLines = lines.slice(0, 20).filter((l) => EMAIL_HEADER.test(l)).length;
  if (headerLines >= 2) return ok('eml');
  if (/\.eml$/i.test(fileName) && headerLines >= 1) return ok('eml');
  return { ok: false, problem: problem('not-an-export') };
}
