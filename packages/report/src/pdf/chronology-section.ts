import { behavioursText, locationText, policeText, whoLines } from '../field-text';
import { ambiguityText } from '../time-text';
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
  const rows = snapshot.incidents.map((inc) => {
    const when: Node[] = [
      { text: inc.approximate ? `About ${inc.when.text}` : inc.when.text, bold: true },
    ];
    if (inc.end !== undefined) when.push({ text: `to ${inc.end.text}` });
    if (inc.when.ambiguity !== undefined) {
      when.push({
        text: `Clock change: ${ambiguityText(inc.when.ambiguity)}`,
        color: '#8a1c1c',
        fontSize: 6.5,
      });
    }
    when.push({ text: inc.recorded.text, fontSize: 6.5, color: '#444444', margin: [0, 2, 0, 0] });
    const what: Node[] = [w.node(inc.whatHappened)];
    if (inc.behaviours.length > 0) {
      what.push({
        text: behavioursText(inc),
        italics: true,
        fontSize: 6.5,
        color: '#333333',
        margin: [0, 2, 0, 0],
      });
    }
    for (const line of whoLines(inc)) what.push(w.node(line, { fontSize: 6.5, color: '#333333' }));
    const val = (v: Parameters<typeof w.node>[0] | undefined): Node =>
      v === undefined || (Array.isArray(v) && v.length === 0) ? '' : w.node(v);
    return [
      { text: inc.number, bold: true, style: 'chronoCell' },
      { stack: when, style: 'chronoCell' },
      { stack: [val(locationText(inc))], style: 'chronoCell' },
      { stack: what, style: 'chronoCell' },
      { text: inc.exhibits.join(', '), style: 'chronoCell' },
      { stack: [val(policeText(inc))], style: 'chronoCell' },
      { stack: [val(inc.impact)], style: 'chronoCell' },
      { stack: [val(inc.changesMade)], style: 'chronoCell' },
      { stack: [val(inc.impactOnOthers)], style: 'chronoCell' },
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
  out.push({
    table: {
      headerRows: 1,
      widths: [40, 92, 72, '*', 42, 78, 76, 70, 76],
      body: [HEADER.map(th), ...rows],
    },
    layout: TABLE_LAYOUT,
  });
  return out;
}
