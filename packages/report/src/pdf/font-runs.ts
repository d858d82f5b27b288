import type { Coverage } from './cmap';

/** A stretch of text drawn in one font: the main face, or the emoji fallback. */
export interface Run {
  readonly text: string;
  readonly emoji: boolean;
}

// Joiners and selectors belong to the glyph before them.
const JOINING = new Set([0x200d, 0xfe0e, 0xfe0f, 0x20e3]);
const isModifier = (cp: number) => cp >= 0x1f3fb && cp <= 0x1f3ff;

/**
 * Splits `text` into runs by which font has each glyph: the main font when it can, else the
 * emoji font, else the main font (a missing-glyph box, never silently dropped text). Joiners
 * and variation selectors follow the glyph before them and are dropped where no font has them.
 */
export function splitRuns(text: string, main: Coverage, emoji: Coverage): Run[] {
  // Fast path: most text is all in the main font.
  let all = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 || !main.has(c)) {
      all = false;
      break;
    }
  }
  if (all) return [{ text, emoji: false }];
  const runs: Run[] = [];
  let current = '';
  let currentEmoji = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    let useEmoji: boolean;
    if (JOINING.has(cp) || isModifier(cp)) {
      const font = currentEmoji ? emoji : main;
      if (!font.has(cp)) continue;
      useEmoji = currentEmoji;
    } else {
      useEmoji = !main.has(cp) && emoji.has(cp);
    }
    if (useEmoji !== currentEmoji && current !== '') {
      runs.push({ text: current, emoji: currentEmoji });
      current = '';
    }
    currentEmoji = useEmoji;
    current += ch;
  }
  if (current !== '') runs.push({ text: current, emoji: currentEmoji });
  return runs;
}
