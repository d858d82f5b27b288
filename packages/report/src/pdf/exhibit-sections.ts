import { join, sizeText, takenText } from '../field-text';
import { cell, heading, type Node, none, type SectionContext, TABLE_LAYOUT, th } from './layout';

export function exhibitSchedule(ctx: SectionContext): Node[] {
  const list = ctx.snapshot.exhibits;
  const out: Node[] = [
    heading('Exhibit schedule', 'before', 'landscape'),
    {
      text: 'Every exhibit in this report. The SHA-256 is a fingerprint of the original file: any change to the file, however small, gives a different value. The originals are in the evidence bundle, named by exhibit reference.',
      style: 'lead',
      fontSize: 8.5,
    },
  ];
  if (list.length === 0) return [...out, none('exhibits')];
  const rows = list.flatMap((e): Node[][] => {
    const taken = takenText(e);
    const warnings: Node[] = [];
    if (!e.refAssigned)
      warnings.push({
        text: 'No exhibit reference set yet; shown by its Casebook number.',
        fontSize: 6.5,
        italics: true,
      });
    if (!e.hashMatchesIntake) {
      warnings.push({
        text: 'The stored file does not match the SHA-256 taken when it was added. See the audit log.',
        bold: true,
        color: '#8a1c1c',
        fontSize: 7,
      });
    }
    const row: Node[] = [
      { stack: [{ text: e.ref, bold: true }, ...warnings], style: 'cell', rowSpan: 2 },
      {
        stack: [
          cell(ctx, e.description),
          ...(e.incidents.length > 0
            ? [{ text: `Incidents: ${e.incidents.join(', ')}`, fontSize: 6.5 }]
            : []),
        ],
        style: 'cell',
      },
      { text: e.kind, style: 'cell' },
      {
        stack: [
          ...(taken === undefined ? [] : [{ text: `Taken: ${taken}` }]),
          { text: `Received: ${e.receivedAt.text}` },
          ...(e.device === undefined ? [] : [cell(ctx, e.device)]),
          ...(e.gps === undefined ? [] : [ctx.w.node(join('Location in file: ', e.gps))]),
        ],
        style: 'cell',
        fontSize: 7,
      },
      { text: e.source.label, style: 'cell', fontSize: 7 },
      cell(ctx, e.originalName),
      { text: sizeText(e.size), style: 'cell', fontSize: 7 },
    ];
    const hash = { text: [{ text: 'SHA-256  ', bold: true }, e.sha256], colSpan: 6, fontSize: 8 };
    return [row, ['', hash, '', '', '', '', '']];
  });
  out.push({
    table: {
      headerRows: 1,
      widths: [52, '*', 60, 150, 80, 120, 70],
      dontBreakRows: true,
      body: [
        [
          'Ref',
          'Description',
          'Type',
          'Time taken and received',
          'Source',
          'Original file name',
          'Size',
        ].map(th),
        ...rows,
      ],
    },
    layout: TABLE_LAYOUT,
  });
  return out;
}

/** One chosen image per page, captioned with its exhibit reference, embedded unchanged. */
export function imageAppendix(ctx: SectionContext): {
  content: Node[];
  images: Record<string, string>;
} {
  const images: Record<string, string> = {};
  const content: Node[] = [];
  let first = true;
  for (const e of ctx.snapshot.exhibits) {
    const img = ctx.images.get(e.id);
    if (img === undefined) continue;
    const caption: Node[] = [
      { text: `Exhibit ${e.ref}`, bold: true, fontSize: 12 },
      ...(e.description === undefined ? [] : [cell(ctx, e.description, 'lead')]),
      {
        text: [`Original file: `, ...ctx.w.pieces(e.originalName), `, ${sizeText(e.size)}`],
        style: 'small',
      },
      { text: `SHA-256 ${e.sha256}`, style: 'small', margin: [0, 0, 0, 8] },
    ];
    const node: Node[] = [];
    if ('reason' in img) {
      node.push({
        text: `This image is not shown: ${img.reason}. The original is in the evidence bundle.`,
        style: 'lead',
      });
    } else {
      const name = `exhibit-${Object.keys(images).length}`;
      images[name] = img.file;
      node.push({ image: name, fit: [515, 560], alignment: 'center', margin: [0, 0, 0, 8] });
      node.push({ text: 'The original file, embedded unchanged.', style: 'note' });
    }
    content.push({
      stack: [...(first ? [heading('Images', undefined)] : []), ...caption, ...node],
      pageBreak: 'before',
      pageOrientation: 'portrait',
    });
    first = false;
  }
  return { content, images };
}
