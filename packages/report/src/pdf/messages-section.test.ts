import { describe, expect, it } from 'vitest';
import { loadFonts } from '../../test/node-assets';
import { pdfText } from '../../test/poppler';
import { redactSnapshot } from '../redaction';
import { buildSnapshot } from '../snapshot';
import { kitWithImports, OTHER } from '../test-kit-imports';
import { renderPdf } from './render-pdf';

const fonts = loadFonts();
const squash = (s: string) => s.replace(/\s+/g, '');

describe('the PDF lists only the conversations with the person responsible', () => {
  it('has his thread and the count line; no refuge, no Mum, in the police and the disclosure copy', async () => {
    const snap = buildSnapshot(kitWithImports());
    for (const copy of [snap, redactSnapshot(snap, { profile: 'disclosure' }).snapshot]) {
      const text = squash(pdfText(await renderPdf(copy, { fonts, images: new Map() })));
      for (const other of Object.values(OTHER)) expect(text).not.toContain(squash(other));
      for (const his of ['Answer your phone', 'I know where you are', 'You cannot hide'])
        expect(text).toContain(squash(his));
      expect(text).toContain(
        squash(
          '3 other conversations (7 messages) are kept in this casebook and are not part of this account',
        ),
      );
      expect(text).toContain(squash('2 other imported calls are kept in this casebook'));
    }
  });

  it('shows the refuge once it is marked as his conversation (control)', async () => {
    const input = kitWithImports();
    const marked = {
      ...input,
      messages: (input.messages ?? []).map((m) => ({ ...m, from: 'responsible' as const })),
    };
    const text = squash(
      pdfText(await renderPdf(buildSnapshot(marked), { fonts, images: new Map() })),
    );
    for (const other of Object.values(OTHER)) expect(text).toContain(squash(other));
    expect(text).not.toContain(squash('other conversations'));
  });
});
