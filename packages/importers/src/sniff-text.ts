import type { SniffedMediaType } from './media-types';

// Tab, LF, VT, FF, CR and ESC appear in real text; NUL and other C0 controls mean binary.
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b]);
const isBinaryControl = (c: string) => {
  const code = c.charCodeAt(0);
  return (code < 0x20 && !TEXT_CONTROLS.has(code)) || code === 0x7f;
};

/**
 * The sample as text when it is valid UTF-8 with no NULs or stray control characters, else
 * undefined. When the sample may be cut from a longer file, a multi-byte character cut off
 * at its end is allowed.
 */
export function decodeText(sample: Uint8Array, mayBeCut: boolean): string | undefined {
  if (sample.length === 0) return undefined;
  let text: string;
  try {
    // `stream: true` keeps a character cut off at the end of the sample from failing.
    text = new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: mayBeCut });
  } catch {
    return undefined;
  }
  return [...text].some(isBinaryControl) ? undefined : text;
}

const HEADER = /^[!-9;-~]+:/;
const STRONG = new Set([
  'received',
  'return-path',
  'delivered-to',
  'from',
  'date',
  'message-id',
  'mime-version',
  'to',
  'dkim-signature',
  'arc-seal',
  'x-received',
  'authentication-results',
]);

/**
 * True when the text opens with an RFC 822 header block: a Subject with From, Date or
 * Received; or, when long routing headers fill the whole sample, several strong headers.
 */
export function looksLikeEmail(text: string): boolean {
  const lines = text.split(/\r?\n/);
  // The last line may be cut off by the end of the sample.
  const complete = lines.slice(0, -1);
  const names = new Set<string>();
  let ended = false;
  for (const [i, line] of complete.entries()) {
    if (line === '') {
      ended = true;
      break;
    }
    if (i > 0 && /^[ \t]/.test(line)) continue;
    if (!HEADER.test(line)) return false;
    names.add(line.slice(0, line.indexOf(':')).toLowerCase());
  }
  if (names.size < 2) return false;
  if (names.has('subject') && ['from', 'date', 'received'].some((n) => names.has(n))) return true;
  return !ended && [...names].filter((n) => STRONG.has(n)).length >= 3;
}

/** Markup a browser would run: SVG, HTML, XML. Checked on the start of the text. */
function markupType(text: string): SniffedMediaType | undefined {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('<')) return undefined;
  if (/<svg[\s>/]/i.test(text)) return 'image/svg+xml';
  // Skip an XML declaration, comments and a doctype to reach the first element.
  const start = head.replace(/^(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)*/, '');
  if (/^<!doctype\s+html|^<(?:html|head|body|script|iframe|meta)[\s>/]/i.test(start)) {
    return 'text/html';
  }
  if (head.startsWith('<?xml') || /^<[A-Za-z]/.test(start)) return 'application/xml';
  return undefined;
}

/** The type of text content: markup, email, mailbox, or text of the kind the name says. */
export function textType(text: string, claimed: SniffedMediaType | undefined): SniffedMediaType {
  const markup = markupType(text);
  if (markup !== undefined) return markup;
  if (/^From \S+/.test(text) && looksLikeEmail(text.slice(text.indexOf('\n') + 1))) {
    return 'application/mbox';
  }
  if (looksLikeEmail(text.replace(/^\uFEFF/, ''))) return 'message/rfc822';
  const plain: readonly SniffedMediaType[] = [
    'text/csv',
    'application/json',
    'text/vcard',
    'text/calendar',
  ];
  return claimed !== undefined && plain.includes(claimed) ? claimed : 'text/plain';
}
