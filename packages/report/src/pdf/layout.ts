import type { Pieces } from '../field-text';
import type { CaseSnapshot } from '../snapshot-types';
import type { TextValue } from '../text-value';
import type { InlineWriter } from './inline';

export const MAIN_FONT = 'DejaVuSans';

/** What every section builder gets. */
export interface SectionContext {
  readonly snapshot: CaseSnapshot;
  readonly w: InlineWriter;
  /** Images the caller chose, checked: its name in pdfmake's file system and size, or why it cannot be shown. */
  readonly images: ReadonlyMap<
    string,
    | { readonly file: string; readonly width: number; readonly height: number }
    | { readonly reason: string }
  >;
}

// pdfmake content is loosely typed data; sections build it as plain objects.
export type Node = Record<string, unknown> | string;

export const STYLES = {
  title: { fontSize: 24, bold: true, margin: [0, 0, 0, 12] },
  subtitle: { fontSize: 13, color: '#333333', margin: [0, 0, 0, 24] },
  h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 10], color: '#1a1a1a' },
  h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 6] },
  lead: { fontSize: 10, margin: [0, 0, 0, 8], lineHeight: 1.2 },
  small: { fontSize: 8, color: '#333333' },
  note: { fontSize: 8, italics: true, color: '#333333', margin: [0, 4, 0, 8] },
  th: { bold: true, fontSize: 8, fillColor: '#e4e8ee' },
  cell: { fontSize: 8 },
  chronoCell: { fontSize: 7.5, lineHeight: 1.1 },
  mono: { fontSize: 6.5 },
} as const;

/** Light horizontal rules, grey header: readable on paper and in black and white. */
export const TABLE_LAYOUT = {
  hLineWidth: (i: number) => (i === 0 ? 0 : 0.5),
  vLineWidth: () => 0,
  hLineColor: () => '#9aa3ad',
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5,
};

export function heading(
  text: string,
  pageBreak: 'before' | undefined,
  orientation?: 'landscape' | 'portrait',
): Node {
  return {
    text,
    style: 'h1',
    tocItem: true,
    ...(pageBreak === undefined ? {} : { pageBreak }),
    ...(orientation === undefined ? {} : { pageOrientation: orientation }),
  };
}

export const th = (text: string): Node => ({ text, style: 'th' });

/** A table cell of user text (or pieces), with redactions drawn. */
export function cell(
  ctx: SectionContext,
  value: TextValue | Pieces | undefined,
  style = 'cell',
): Node {
  if (value === undefined) return { text: '', style };
  return ctx.w.node(value, { style });
}

/** A table with one repeated header row. */
export function table(
  widths: readonly (number | string)[],
  header: readonly string[],
  rows: readonly (readonly Node[])[],
): Node {
  return {
    table: { headerRows: 1, dontBreakRows: true, widths, body: [header.map(th), ...rows] },
    layout: TABLE_LAYOUT,
    margin: [0, 0, 0, 8],
  };
}

/** "Nothing recorded." in the calm voice of the report. */
export const none = (what: string): Node => ({ text: `No ${what} in this report.`, style: 'lead' });

/** Incident numbers, at most `max` of them, then how many more. */
export function numberList(numbers: readonly string[], max = 20): string {
  if (numbers.length === 0) return '—';
  const shown = numbers.slice(0, max).join(', ');
  return numbers.length > max ? `${shown}, and ${numbers.length - max} more` : shown;
}
