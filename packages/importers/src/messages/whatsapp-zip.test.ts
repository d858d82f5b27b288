import {
  BlobWriter,
  TextReader,
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipWriter,
} from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { fixtureBytes, fixtureText } from '../../test/message-fixtures';
import { chatNameFromFileName, readWhatsAppZip } from './whatsapp-zip';

const photo = fixtureBytes('../../../fixtures/images/IMG_20180725_163423-tiny.jpg');

async function exportZip(
  chatFile: string,
  entries: Record<string, Uint8Array>,
): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  await writer.add(chatFile, new TextReader(fixtureText('whatsapp/ios-en-gb-group.txt')));
  for (const [name, bytes] of Object.entries(entries))
    await writer.add(name, new Uint8ArrayReader(bytes));
  return writer.close();
}

describe('readWhatsAppZip', () => {
  it('reads the chat, links the photo a message names, and streams its bytes out', async () => {
    const zip = await exportZip('_chat.txt', {
      '00000012-PHOTO-2024-01-05-10-04-12.jpg': photo,
      '00000099-AUDIO-2024-01-06-09-00-00.opus': new Uint8Array([79, 103, 103, 83]),
    });
    const r = await readWhatsAppZip(new Blob([new Uint8Array(zip)]), {
      fileName: 'WhatsApp Chat - Book Club.zip',
    });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.chatEntry).toBe('_chat.txt');
    const withPhoto = r.value.messages.find((m) => m.attachments[0]?.name !== undefined);
    expect(withPhoto?.attachments).toEqual([
      {
        name: '00000012-PHOTO-2024-01-05-10-04-12.jpg',
        mediaType: 'image/jpeg',
        omitted: false,
        size: photo.length,
      },
    ]);
    expect(withPhoto?.source).toEqual({ entry: '_chat.txt', line: 7, lineEnd: 7 });
    expect(withPhoto?.thread).toBe('Book Club');
    expect(r.media.map((m) => [m.name, m.referenced, m.mediaType])).toEqual([
      ['00000012-PHOTO-2024-01-05-10-04-12.jpg', true, 'image/jpeg'],
      ['00000099-AUDIO-2024-01-06-09-00-00.opus', false, 'audio/ogg'],
    ]);
    const chunks: Uint8Array[] = [];
    await r.media[0]?.pipeTo(new WritableStream({ write: (c) => void chunks.push(c) }));
    expect(Buffer.concat(chunks).equals(Buffer.from(photo))).toBe(true);
    await r.close();
  });

  it('marks a named photo the zip does not hold as left out', async () => {
    const r = await readWhatsAppZip(await exportZip('_chat.txt', {}));
    if (!r.ok) throw new Error(JSON.stringify(r));
    const named = r.value.messages.find((m) => m.attachments[0]?.name !== undefined);
    expect(named?.attachments[0]).toMatchObject({ omitted: true });
    expect(r.media).toEqual([]);
  });

  it('turns a truncated zip and a zip with no chat into plain problems', async () => {
    const zip = await exportZip('_chat.txt', { 'a.jpg': photo });
    const cut = await readWhatsAppZip(zip.subarray(0, zip.length - 30));
    expect(cut.ok === false && 'problem' in cut && cut.problem.code).toBe('truncated');
    const writer = new ZipWriter(new BlobWriter(), { useWebWorkers: false });
    await writer.add('holiday.jpg', new Uint8ArrayReader(photo));
    const noChat = await readWhatsAppZip(await writer.close());
    expect(noChat.ok === false && 'problem' in noChat && noChat.problem.code).toBe('not-an-export');
    const random = await readWhatsAppZip(new Uint8Array(500).fill(7));
    expect(random.ok).toBe(false);
  });

  it('reads chat names from export file names in several languages', () => {
    expect(chatNameFromFileName('WhatsApp Chat with Sam Carter.txt')).toBe('Sam Carter');
    expect(chatNameFromFileName('WhatsApp Chat - Book Club.zip')).toBe('Book Club');
    expect(chatNameFromFileName('Chat de WhatsApp con Sam.txt')).toBe('Sam');
    expect(chatNameFromFileName('WhatsApp Chat mit Sam.txt')).toBe('Sam');
    expect(chatNameFromFileName('Discussion WhatsApp avec Sam.txt')).toBe('Sam');
    expect(chatNameFromFileName('notes.txt')).toBeUndefined();
  });
});
