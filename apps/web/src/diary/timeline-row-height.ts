import { browserZone } from './ports';
import type { TimelineRow } from './timeline-months';

/**
 * A guess at a timeline row's height in px at a list width, from the lengths of its text (the
 * CSS's sizes: 17 px type, 1.5 line height, the card's padding, the tag and button rows). It is
 * only used until the row is drawn and measured; the closer it is, the less the rows below move
 * when it is, which is what made a slow phone's frames come in runs of slow ones.
 */
const REM = 17;
const LINE = REM * 1.5;
/** An average character's width as a share of the type size (system sans-serif). */
const CHAR = 0.5;
const CARD_CHROME = 2 + 2 * 0.85 * REM; // border and padding, top and bottom
const CARD_INLINE = 2 + 2 * REM; // border and padding, left and right
const ROW_GAP = 0.75 * REM;
const META = 0.92 * REM * 1.5;
const META_GAP = 0.35 * REM;
const TEXT_GAP = 0.5 * REM;
const TAG_ROW = 0.92 * REM * 1.5 + 0.35 * REM;
const TAG_WIDTH = 9 * 0.92 * REM * CHAR + 1.2 * REM + 0.35 * REM; // a tag of about nine letters
const BUTTONS = 0.5 * REM + 44;
const MONTH = 1.1 * REM * 1.25 + 0.75 * REM + 0.5 * REM;
const DATE = 'Tue 31 Mar 2026, 23:59'.length;

/** Lines `text` takes at `perLine` characters a line (its own line breaks kept). */
function lines(text: string, perLine: number): number {
  let count = 0;
  for (const line of text.split('\n')) count += Math.max(1, Math.ceil(line.length / perLine));
  return count;
}

export function estimateRowHeight(row: TimelineRow, listWidth: number): number {
  const inner = Math.max(120, listWidth - CARD_INLINE);
  const record = row.entry.record;
  let h = ROW_GAP + CARD_CHROME + (row.month ? MONTH : 0);
  if (record.state === 'live') {
    const body = record.body;
    // The card's date as `formatZoned` prints it ("Tue 3 Mar 2026, 14:02", a zone after it when
    // not the browser's); only its length matters here, and formatting each guess would cost.
    const date =
      body.when.start.zone === browserZone() ? DATE : DATE + body.when.start.zone.length + 3;
    const meta = `${'x'.repeat(date)} ${body.when.approximate ? '(approximate) ' : ''}${body.location?.text ?? ''}`;
    h += lines(meta, inner / (0.92 * REM * CHAR)) * META + META_GAP;
    h += lines(body.whatHappened, inner / (REM * CHAR)) * LINE + TEXT_GAP;
    if (body.behaviours.length > 0) {
      const perRow = Math.max(1, Math.floor(inner / TAG_WIDTH));
      h += Math.ceil(body.behaviours.length / perRow) * TAG_ROW;
    }
  } else {
    const text = record.state === 'deleted' ? `Reason: ${record.reason}` : record.problem;
    h += META + META_GAP + lines(text, inner / (REM * CHAR)) * LINE + TEXT_GAP;
  }
  return Math.round(h + BUTTONS);
}
