import { shortMonthText } from '../time-text';
import { barChartSvg } from './bar-chart';
import { heading, MAIN_FONT, type Node, type SectionContext, table } from './layout';

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

export function cover(ctx: SectionContext): Node[] {
  const s = ctx.snapshot;
  const c = s.counts;
  const disclosure = s.redaction.profile === 'disclosure';
  const rows: [string, string][] = [
    ['Dates covered', s.range.text],
    ['Incidents', c.incidents.toLocaleString('en-GB')],
    ['Exhibits', c.exhibits.toLocaleString('en-GB')],
    ['People', c.people.toLocaleString('en-GB')],
    ['Calls logged', c.calls.toLocaleString('en-GB')],
    ['Letters, parcels and gifts', c.items.toLocaleString('en-GB')],
    ['Risk checklists', c.riskAssessments.toLocaleString('en-GB')],
    ['Generated on', s.generatedAt.text],
    ['Casebook version', s.casebookVersion],
  ];
  return [
    { text: ctx.w.pieces(s.title), style: 'title', margin: [0, 80, 0, 12] },
    {
      text: 'An account of incidents, kept in Casebook as they happened, for the police and the court.',
      style: 'subtitle',
    },
    {
      table: { widths: [160, '*'], body: rows.map(([k, v]) => [{ text: k, bold: true }, v]) },
      layout: 'noBorders',
      fontSize: 11,
      margin: [0, 0, 0, 24],
    },
    { text: 'Fingerprint of the signed casebook history', bold: true, fontSize: 11 },
    { text: s.fingerprint, fontSize: 16, margin: [0, 4, 0, 4] },
    {
      text: 'Anyone can compare this with the fingerprint Casebook shows on its Audit log screen, or with the output of the command casebook verify. The last page explains how to check the evidence bundle.',
      style: 'small',
      margin: [0, 0, 0, 24],
    },
    {
      text: disclosure
        ? 'Disclosure copy: some details are redacted and shown as black bars with the reason. The full record is unchanged.'
        : 'Full copy for the police: nothing has been redacted.',
      bold: true,
      fontSize: 11,
      margin: [0, 0, 0, 24],
    },
    {
      toc: {
        title: { text: 'Contents', style: 'h2' },
        numberStyle: { fontSize: 10 },
        textStyle: { fontSize: 10 },
      },
    },
  ];
}

export function summary(ctx: SectionContext): Node[] {
  const p = ctx.snapshot.pattern;
  const out: Node[] = [heading('Summary and pattern', 'before', 'portrait')];
  out.push({ ul: p.summary.map((s) => ({ text: s, margin: [0, 0, 0, 3] })), style: 'lead' });
  if (p.months.length > 0) {
    out.push({ text: 'Incidents per month', style: 'h2' });
    out.push({
      svg: barChartSvg(
        p.months.map((m) => ({ label: shortMonthText(m.month), count: m.count })),
        515,
        170,
        MAIN_FONT,
      ),
      width: 515,
      margin: [0, 0, 0, 6],
    });
    out.push(
      table(
        ['*', 60],
        ['Month', 'Incidents'],
        p.months.map((m) => [
          { text: m.label, style: 'cell' },
          { text: String(m.count), style: 'cell', alignment: 'right' },
        ]),
      ),
    );
  }
  if (p.behaviours.length > 0) {
    out.push({ text: 'What happened, by kind of behaviour', style: 'h2' });
    out.push({
      text: 'An incident with several behaviours is counted once under each.',
      style: 'note',
    });
    out.push(
      table(
        ['*', 60],
        ['Behaviour', 'Incidents'],
        p.behaviours.map((b) => [
          { text: b.label, style: 'cell' },
          { text: String(b.count), style: 'cell', alignment: 'right' },
        ]),
      ),
    );
  }
  if (p.places.length > 0) {
    out.push({ text: 'Where it happened', style: 'h2' });
    out.push(
      table(
        ['*', 60],
        ['Kind of place', 'Incidents'],
        p.places.map((b) => [
          { text: b.label, style: 'cell' },
          { text: String(b.count), style: 'cell', alignment: 'right' },
        ]),
      ),
    );
  }
  return out;
}

const MAX_LISTED = 24;

export function harassmentAct(ctx: SectionContext): Node[] {
  const p = ctx.snapshot.pattern;
  const rows = p.harassmentAct.map((l) => {
    const listed = l.incidents.slice(0, MAX_LISTED).join(', ');
    const more =
      l.incidents.length > MAX_LISTED ? `, and ${l.incidents.length - MAX_LISTED} more` : '';
    return [
      { text: `(${l.limb})`, style: 'cell', bold: true },
      {
        text: [
          { text: l.words, italics: true },
          {
            text: `\nCounted from: ${l.behaviours.map((b) => b.label).join('; ')}`,
            fontSize: 6.5,
            color: '#444444',
          },
        ],
        style: 'cell',
      },
      { text: String(l.count), style: 'cell', alignment: 'right', bold: l.count > 0 },
      {
        text:
          l.first === undefined ? '—' : l.first === l.last ? l.first : `${l.first} to ${l.last}`,
        style: 'cell',
      },
      { text: listed === '' ? '—' : listed + more, style: 'cell', fontSize: 6.5 },
    ];
  });
  const out: Node[] = [
    heading('Behaviours in the words of the Protection from Harassment Act 1997', 'before'),
    {
      text: 'Section 2A(3) of the Act lists examples of acts or omissions which, in particular circumstances, are associated with stalking. The incidents in this report are counted under each, from the behaviours recorded for them. This is a guide to the record, not a legal finding; the list in the Act is not exhaustive.',
      style: 'lead',
    },
    table(
      [22, '*', 42, 95, 120],
      ['', 'Section 2A(3)', 'Incidents', 'First and last', 'Incident numbers'],
      rows,
    ),
  ];
  if (p.otherBehaviours.length > 0) {
    out.push({ text: 'Other behaviours recorded', style: 'h2' });
    out.push({
      text: p.otherBehaviours.map((b) => `${b.label} (${plural(b.count, 'incident')})`).join('; '),
      style: 'lead',
    });
  }
  out.push({
    text: p.courseOfConduct
      ? 'There are two or more incidents. Conduct on at least two occasions can form a course of conduct under the Act; whether it does is for the police and the court.'
      : 'Fewer than two incidents are included in this report.',
    style: 'lead',
  });
  return out;
}
