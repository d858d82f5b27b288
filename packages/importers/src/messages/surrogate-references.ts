/**
 * SMS Backup & Restore writes emoji as two UTF-16 surrogate references (`&#55357;&#56832;`),
 * which XML forbids and strict parsers stop at. This rewrites each valid pair as one
 * reference (`&#128512;`) and a lone half as U+FFFD (`&#65533;`), in a stream of text chunks
 * cut anywhere (even inside a reference).
 */

const DEC_HIGH = '55(?:29[6-9]|[3-9]\\d\\d)|56[0-2]\\d\\d|563[01]\\d';
const DEC_LOW = '563[2-9]\\d|56[4-9]\\d\\d|57[0-2]\\d\\d|573[0-3]\\d|5734[0-3]';
const HEX_HIGH = '[xX][dD][89abAB][0-9a-fA-F]{2}';
const HEX_LOW = '[xX][dD][c-fC-F][0-9a-fA-F]{2}';
/** A surrogate reference, and the low half after it if any: pairs join, lone halves go. */
const REFERENCE = new RegExp(
  `&#(${DEC_HIGH}|${HEX_HIGH}|${DEC_LOW}|${HEX_LOW});(?:&#(${DEC_LOW}|${HEX_LOW});)?`,
  'g',
);
const HIGH_AT_END = new RegExp(`&#(?:${DEC_HIGH}|${HEX_HIGH});$`);
/** Longest pair of references, `&#xD83D;&#xDE00;` or `&#55357;&#56832;`, is 16 characters. */
const HOLD_BACK = 24;

const code = (ref: string) =>
  ref.charCodeAt(0) === 120 || ref.charCodeAt(0) === 88
    ? Number.parseInt(ref.slice(1), 16)
    : Number(ref);

function repair(s: string, count: { lone: number }): string {
  if (s.indexOf('&#') < 0) return s;
  return s.replace(REFERENCE, (_m, first: string, low: string | undefined) => {
    const hi = code(first);
    if (hi < 0xdc00 && low !== undefined) {
      return `&#${0x10000 + ((hi - 0xd800) << 10) + (code(low) - 0xdc00)};`;
    }
    count.lone += low === undefined ? 1 : 2;
    return low === undefined ? '&#65533;' : '&#65533;&#65533;';
  });
}

export class SurrogateReferenceRepair {
  private held = '';
  /** Lone surrogate halves replaced so far. */
  readonly count = { lone: 0 };

  /** Repairs a chunk; a possible reference at its end is held back until the next one. */
  push(chunk: string): string {
    const s = this.held + chunk;
    const tailFrom = Math.max(0, s.length - HOLD_BACK);
    let amp = s.indexOf('&', tailFrom);
    if (amp < 0) {
      this.held = '';
      return repair(s, this.count);
    }
    // A high half just before the held reference must wait with it for its low half.
    const high = HIGH_AT_END.exec(s.slice(Math.max(0, amp - 9), amp));
    if (high !== null) amp -= high[0].length;
    this.held = s.slice(amp);
    return repair(s.slice(0, amp), this.count);
  }

  /** The rest, at the end of the input. */
  flush(): string {
    const s = this.held;
    this.held = '';
    return repair(s, this.count);
  }
}
