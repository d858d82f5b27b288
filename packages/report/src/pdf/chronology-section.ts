import { behavioursText, locationText, policeText, whoLines } from '../field-text';
import { ambiguityText, monthText } from '../time-text';
import type { Inline } from './inline';
import { heading, type Node, type SectionContext, TABLE_LAYOUT, th } from './layout';

const HEADER = [
  'No.',
  'Date and time',
  'Location',
  'What happened',
  'Evidence',
  'Police contact and reference',
  'Impact',
  'Changes made',
  'Impact on children or others',
];

/** The chronology in the booklet's columns, on landscape pages with the header on every page. */
export function chronology(ctx: SectionContext): Node[] {
  const { w, snapshot } = ctx;
  // One text node per cell, lines as inlines: far cheaper for pdfmake to lay out than stacks.
  const small = { fontSize: 6.5, color: '#444444' };
  const rows = snapshot.incidents.map((inc) => {
    const when: Inline[] = [
      { text: inc.approximate ? `About ${inc.when.text}` : inc.when.text, bold: true },
    ];
    if (inc.end !== undefined) when.push(`\nto ${inc.end.text}`);
    if (inc.when.ambiguity !== undefined) {
      when.push({
        text: `\nClock change: ${ambiguityText(inc.when.ambiguity)}`,
        color: '#8a1c1c',
        fontSize: 6.5,
      });
    }
    when.push({ text: `\n${inc.recorded.text}`, ...small });
    const what: Inline[] = w.pieces(inc.whatHappened);
    if (inc.behaviours.length > 0) {
      what.push({ text: `\n${behavioursText(inc)}`, italics: true, ...small });
    }
    for (const line of whoLines(inc)) what.push({ text: ['\n', ...w.pieces(line)], ...small });
    const val = (v: Parameters<typeof w.pieces>[0] | undefined): Node =>
      v === undefined || (Array.isArray(v) && v.length === 0) ? '' : { text: w.pieces(v) };
    return [
      { text: inc.number, bold: true },
      { text: when },
      val(locationText(inc)),
      { text: what },
      inc.exhibits.join(', '),
      val(policeText(inc)),
      val(inc.impact),
      val(inc.changesMade),
      val(inc.impactOnOthers),
    ];
  });
  const out: Node[] = [
    heading('Chronology', 'before', 'landscape'),
    {
      text: 'Each incident in the order it happened. Times are local, with the time zone and its offset from UTC. Each is numbered in the order it was first recorded, so a number never changes. "Recorded" is when the entry was first saved in Casebook; later edits are counted, and every version is kept in the audit log.',
      style: 'lead',
      fontSize: 8.5,
    },
  ];
  if (rows.length === 0) {
    out.push({ text: 'No incidents in this report.', style: 'lead' });
    return out;
  }
  // One table per month: each is laid out on its own (pdfmake slows down on one very long
  // table), and the month's name heads every page of it.
  const months = new Map<string, Node[][]>();
  snapshot.incidents.forEach((inc, n) => {
    const month = inc.when.local.slice(0, 7);
    const list = months.get(month) ?? [];
    list.push(rows[n] ?? []);
    months.set(month, list);
  });
  for (const [month, list] of months) {
    const title = `${monthText(month)}: ${list.length} incident${list.length === 1 ? '' : 's'}`;
    out.push({
      table: {
        headerRows: 2,
        keepWithHeaderRows: 1,
        widths: [40, 92, 72, '*', 42, 78, 76, 70, 76],
        body: [
          [
            { text: title, colSpan: 9, bold: true, fontSize: 9, margin: [0, 4, 0, 2] },
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
          ],
          HEADER.map(th),
          ...list,
        ],
      },
      layout: TABLE_LAYOUT,
      style: 'chronoCell',
      margin: [0, 0, 0, 10],
    });
  }
  return out;
}
