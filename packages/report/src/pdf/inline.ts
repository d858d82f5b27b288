import type { Pieces } from '../field-text';
import { pieces, redactionLabel, type TextValue } from '../text-value';
import type { Coverage } from './cmap';
import { splitRuns } from './font-runs';

export const EMOJI_FONT = 'NotoEmoji';

/** A pdfmake inline: a string, or a styled piece of text. */
export type Inline =
  | string
  | { readonly text: string | readonly Inline[]; readonly [style: string]: unknown };

/** Turns text into pdfmake inlines: emoji runs in the emoji font, redactions as black bars. */
export class InlineWriter {
  constructor(
    private readonly main: Coverage,
    private readonly emoji: Coverage,
  ) {}

  /** Plain text in the right fonts; a single string when the main font has it all. */
  text(text: string): Inline | Inline[] {
    const runs = splitRuns(text, this.main, this.emoji);
    if (runs.length === 1 && runs[0]?.emoji === false) return text;
    return runs.map((r) => (r.emoji ? { text: r.text, font: EMOJI_FONT } : r.text));
  }

  bar(reason: string): Inline {
    return {
      text: `\u00a0${redactionLabel(reason)}\u00a0`,
      background: '#000000',
      color: '#ffffff',
      bold: true,
    };
  }

  /** A value or a run of pieces, with its redactions drawn as bars. */
  pieces(value: TextValue | Pieces): Inline[] {
    const list = Array.isArray(value) ? (value as Pieces) : pieces(value as TextValue);
    const out: Inline[] = [];
    for (const piece of list) {
      if (typeof piece === 'string') {
        const t = this.text(piece);
        if (Array.isArray(t)) out.push(...t);
        else out.push(t);
      } else out.push(this.bar(piece.reason));
    }
    return out;
  }

  /** A pdfmake text node for a value (`{ text: [...] }`), with extra style. */
  node(value: TextValue | Pieces, style: Record<string, unknown> = {}): { text: Inline[] } {
    return { text: this.pieces(value), ...style };
  }
}
