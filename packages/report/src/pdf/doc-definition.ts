import type { CaseSnapshot } from '../snapshot-types';
import { plainText } from '../text-value';
import { chronology } from './chronology-section';
import { exhibitSchedule, imageAppendix } from './exhibit-sections';
import { cover, harassmentAct, summary } from './front-sections';
import { howProduced } from './how-produced';
import type { InlineWriter } from './inline';
import { MAIN_FONT, type Node, type SectionContext, STYLES } from './layout';
import { messagesSection } from './messages-section';
import { callsAndItems, people, risk, safety } from './record-sections';

/**
 * The whole report as a pdfmake document definition. Pure data apart from the header and
 * footer callbacks (which is why rendering happens where this is built: in a worker or in Node).
 */
export function buildDocDefinition(
  snapshot: CaseSnapshot,
  w: InlineWriter,
  images: SectionContext['images'],
): Record<string, unknown> {
  const ctx: SectionContext = { snapshot, w, images };
  const appendix = imageAppendix(ctx);
  const content: Node[] = [
    ...cover(ctx),
    ...summary(ctx),
    ...harassmentAct(ctx),
    ...chronology(ctx),
    ...messagesSection(ctx),
    ...people(ctx),
    ...callsAndItems(ctx),
    ...risk(ctx),
    ...safety(ctx),
    ...exhibitSchedule(ctx),
    ...appendix.content,
    ...howProduced(ctx),
  ];
  const generated = `Generated on ${snapshot.generatedAt.text}`;
  const disclosure = snapshot.redaction.profile === 'disclosure';
  const title = plainText(snapshot.title);
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [36, 40, 36, 44],
    info: {
      title,
      author: 'Casebook',
      subject: disclosure ? 'Account of incidents (disclosure copy)' : 'Account of incidents',
      creator: `Casebook ${snapshot.casebookVersion}`,
      producer: `Casebook ${snapshot.casebookVersion} (pdfmake)`,
      creationDate: new Date(snapshot.generatedAt.utc),
      modDate: new Date(snapshot.generatedAt.utc),
    },
    language: 'en-GB',
    defaultStyle: { font: MAIN_FONT, fontSize: 9, lineHeight: 1.15 },
    styles: STYLES,
    images: appendix.images,
    ...(disclosure
      ? {
          header: (page: number) =>
            page === 1
              ? null
              : {
                  text: 'Disclosure copy: redacted details are shown as black bars',
                  alignment: 'center',
                  fontSize: 7,
                  bold: true,
                  margin: [0, 16, 0, 0],
                },
        }
      : {}),
    footer: (page: number, pages: number) => ({
      columns: [
        { text: `${generated} · ${snapshot.fingerprint}`, fontSize: 7, color: '#444444' },
        { text: `Page ${page} of ${pages}`, fontSize: 8, alignment: 'right', width: 90 },
      ],
      margin: [36, 14, 36, 0],
    }),
    content,
  };
}
