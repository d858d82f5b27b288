import type { CallOutcome, ImportedAttachment } from '@casebook/core';
import { EXTENSION_TYPES, extensionOf } from '../media-types';

/**
 * The words WhatsApp writes in place of media, deletions, edits, calls and group events, in
 * English, Spanish, French, German, Portuguese, Italian and Dutch (Android and iOS wordings).
 * Matched after the invisible marks are taken off; case is ignored.
 */

const alt = (words: readonly string[]) =>
  words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

/** Android: the whole text is one of these. */
const MEDIA_OMITTED = [
  'Media omitted',
  'Multimedia omitido',
  'Archivo omitido',
  'Médias omis',
  'Fichier omis',
  'Medien ausgeschlossen',
  'Medien weggelassen',
  'Mídia oculta',
  'Arquivo de mídia oculto',
  'Multimédia omitido',
  'Media omessi',
  'Media weggelaten',
];
const MEDIA_OMITTED_RE = new RegExp(`^<(?:${alt(MEDIA_OMITTED)})>$`, 'i');

/** iOS: "image omitted" and the like; the first word says what kind of file it was. */
const IOS_OMITTED: Record<string, string> = {
  image: 'image/*',
  video: 'video/*',
  audio: 'audio/*',
  sticker: 'image/webp',
  gif: 'image/gif',
  document: 'application/octet-stream',
  'contact card': 'text/vcard',
  imagen: 'image/*',
  vídeo: 'video/*',
  'tarjeta de contacto': 'text/vcard',
  documento: 'application/octet-stream',
  bild: 'image/*',
  kontaktkarte: 'text/vcard',
  dokument: 'application/octet-stream',
  imagem: 'image/*',
  áudio: 'audio/*',
  figurinha: 'image/webp',
  immagine: 'image/*',
  adesivo: 'image/webp',
  afbeelding: 'image/*',
  vidéo: 'video/*',
  autocollant: 'image/webp',
};
const OMITTED_WORDS = [
  'omitted',
  'omitida',
  'omitido',
  'absente',
  'absent',
  'omis',
  'omise',
  'weggelassen',
  'ocultada',
  'ocultado',
  'oculta',
  'oculto',
  'omessa',
  'omesso',
  'weggelaten',
];
const IOS_OMITTED_RE = new RegExp(
  `^(${alt(Object.keys(IOS_OMITTED))}) (?:${alt(OMITTED_WORDS)})$`,
  'i',
);

/** iOS with media: `<attached: 00000042-PHOTO-2024-03-12-21-05-33.jpg>`, in each language. */
const ATTACHED_WORDS = [
  'attached',
  'adjunto',
  'pièce jointe',
  'Anhang',
  'anexado',
  'anexo',
  'allegato',
  'bijlage',
  'bijgevoegd',
];
const IOS_ATTACHED_RE = new RegExp(`^<(?:${alt(ATTACHED_WORDS)})\\s?: ([^<>]+)>$`, 'i');

/** Android with media: `IMG-20240312-WA0001.jpg (file attached)`. */
const ANDROID_ATTACHED_WORDS = [
  'file attached',
  'archivo adjunto',
  'fichier joint',
  'Datei angehängt',
  'arquivo anexado',
  'ficheiro anexado',
  'file allegato',
  'bestand bijgevoegd',
];
const ANDROID_ATTACHED_RE = new RegExp(
  `^(\\S[^\\n]*?\\.\\w{1,5}) \\((?:${alt(ANDROID_ATTACHED_WORDS)})\\)`,
  'i',
);

const DELETED = [
  'This message was deleted',
  'You deleted this message',
  'Se eliminó este mensaje',
  'Eliminaste este mensaje',
  'Este mensaje fue eliminado',
  'Ce message a été supprimé',
  'Vous avez supprimé ce message',
  'Diese Nachricht wurde gelöscht',
  'Du hast diese Nachricht gelöscht',
  'Esta mensagem foi apagada',
  'Você apagou esta mensagem',
  'Apagou esta mensagem',
  'Questo messaggio è stato eliminato',
  'Hai eliminato questo messaggio',
  'Dit bericht is verwijderd',
  'Je hebt dit bericht verwijderd',
];
const DELETED_RE = new RegExp(`^(?:${alt(DELETED)})\\.?$`, 'i');
/** Deletions the person made themselves: the direction is known from the words. */
const SELF_DELETED_RE =
  /^(?:You deleted|Eliminaste|Vous avez|Du hast|Você apagou|Hai eliminato|Je hebt)/i;

const EDITED = [
  'This message was edited',
  'Se editó este mensaje',
  'Ce message a été modifié',
  'Diese Nachricht wurde bearbeitet',
  'Esta mensagem foi editada',
  'Questo messaggio è stato modificato',
  'Dit bericht is bewerkt',
];
const EDITED_RE = new RegExp(`\\s?<(?:${alt(EDITED)})\\.?>$`, 'i');

interface CallWords {
  readonly outcome: CallOutcome;
  readonly video: boolean;
}
const CALLS: Record<string, CallWords> = {
  'missed voice call': { outcome: 'missed', video: false },
  'missed video call': { outcome: 'missed', video: true },
  'missed group voice call': { outcome: 'missed', video: false },
  'missed group video call': { outcome: 'missed', video: true },
  'voice call': { outcome: 'incoming', video: false },
  'video call': { outcome: 'incoming', video: true },
  'llamada perdida': { outcome: 'missed', video: false },
  'llamada de voz perdida': { outcome: 'missed', video: false },
  'videollamada perdida': { outcome: 'missed', video: true },
  'appel vocal manqué': { outcome: 'missed', video: false },
  'appel vidéo manqué': { outcome: 'missed', video: true },
  'verpasster sprachanruf': { outcome: 'missed', video: false },
  'verpasster videoanruf': { outcome: 'missed', video: true },
  'chamada de voz perdida': { outcome: 'missed', video: false },
  'chamada de vídeo perdida': { outcome: 'missed', video: true },
  'chiamata vocale persa': { outcome: 'missed', video: false },
  'videochiamata persa': { outcome: 'missed', video: true },
  'gemiste spraakoproep': { outcome: 'missed', video: false },
  'gemiste video-oproep': { outcome: 'missed', video: true },
};
const CALL_RE = new RegExp(`^(${alt(Object.keys(CALLS))})(?:[,.] ?(.*))?$`, 'i');
const DURATION_RE = /(\d+)\s*(sec|s|min|hr|h|Std|uur|ora|ore)\b/gi;

/** Group events. The actor may be anyone, so these are matched on the verb phrase. */
const SYSTEM_RE = new RegExp(
  [
    'end-to-end encrypted',
    'cifrados de extremo a extremo',
    'chiffrés de bout en bout',
    'Ende-zu-Ende-verschlüsselt',
    'criptografia de ponta a ponta',
    'crittografati end-to-end',
    'end-to-end versleuteld',
    ' created group ',
    ' created this group',
    '^(?:.+ )?added .+$',
    ' removed .+$',
    ' left$',
    ' joined using this group',
    " changed (?:the subject|this group's icon|the group description|their phone number|the group name|to)",
    " deleted this group's icon",
    'security code (?:with .+ )?changed',
    "You're now an admin",
    'turned (?:on|off) disappearing messages',
    ' pinned a message',
    ' (?:blocked|unblocked) this contact',
    'This chat is with a business',
    ' cambió (?:el asunto|el ícono|la descripción)',
    ' (?:añadió|salió|eliminó a) ',
    ' salió$',
    ' a (?:modifié le sujet|ajouté|retiré|changé)',
    ' est parti(?:e)?$',
    ' hat (?:den Betreff|das Gruppenbild|die Gruppenbeschreibung) ',
    ' hinzugefügt$',
    ' (?:ist )?ausgetreten$',
    ' (?:mudou o assunto|mudou a descrição|adicionou|removeu) ',
    ' saiu$',
    " ha (?:cambiato l'oggetto|aggiunto|rimosso) ",
    ' è uscit[oa]$',
    ' heeft (?:het onderwerp|de groepsafbeelding|.+ toegevoegd|.+ verwijderd)',
    ' is vertrokken$',
  ].join('|'),
  'i',
);

export function isSystemText(text: string): boolean {
  return SYSTEM_RE.test(text);
}

export function isDeletedText(text: string): { deleted: boolean; bySelf: boolean } {
  if (!DELETED_RE.test(text)) return { deleted: false, bySelf: false };
  return { deleted: true, bySelf: SELF_DELETED_RE.test(text) };
}

/** Takes off an "edited" marker, if any: the text as sent, and whether it was edited. */
export function stripEdited(text: string): { text: string; edited: boolean } {
  const m = EDITED_RE.exec(text);
  return m === null ? { text, edited: false } : { text: text.slice(0, m.index), edited: true };
}

export function mediaTypeOfName(name: string): string | undefined {
  return EXTENSION_TYPES[extensionOf(name)]?.[0];
}

/**
 * The attachment a message's first line stands for, and the caption after it, if any.
 * `undefined` when the message is plain text.
 */
export function attachmentOf(
  firstLine: string,
): { attachment: ImportedAttachment; caption: string } | undefined {
  const line = firstLine.trim();
  let attached: RegExpExecArray | null = null;
  let android: RegExpExecArray | null = null;
  if (line.charCodeAt(0) === 60) {
    // "<Media omitted>", "<attached: …>"
    if (MEDIA_OMITTED_RE.test(line)) return { attachment: { omitted: true }, caption: '' };
    attached = IOS_ATTACHED_RE.exec(line);
  } else if (line.indexOf(' (') > 0) {
    android = ANDROID_ATTACHED_RE.exec(line);
  }
  if (attached === null && android === null) {
    if (line.length > 32) return undefined;
    const ios = IOS_OMITTED_RE.exec(line);
    if (ios === null) return undefined;
    const kind = (ios[1] ?? '').toLowerCase();
    const mediaType = IOS_OMITTED[kind] ?? IOS_OMITTED[ios[1] ?? ''];
    const attachment: ImportedAttachment =
      mediaType === undefined ? { omitted: true } : { omitted: true, mediaType };
    return { attachment, caption: '' };
  }
  const name = (attached ?? android)?.[1]?.trim();
  if (name === undefined) return undefined;
  const mediaType = mediaTypeOfName(name);
  const attachment: ImportedAttachment =
    mediaType === undefined ? { name, omitted: false } : { name, mediaType, omitted: false };
  const rest = android === null ? '' : line.slice(android[0].length).trim();
  return { attachment, caption: rest };
}

/** A call line ("Missed voice call", "Voice call, 12 min"), or undefined. */
export function callOf(
  text: string,
): { outcome: CallOutcome; video: boolean; durationSeconds?: number } | undefined {
  const m = CALL_RE.exec(text.trim());
  if (m === null) return undefined;
  const words = CALLS[(m[1] ?? '').toLowerCase()];
  if (words === undefined) return undefined;
  const tail = m[2] ?? '';
  let seconds = 0;
  let found = false;
  for (const d of tail.matchAll(DURATION_RE)) {
    found = true;
    const n = Number(d[1]);
    const unit = (d[2] ?? '').toLowerCase();
    seconds += unit.startsWith('s') ? n : unit.startsWith('m') ? n * 60 : n * 3600;
  }
  return found
    ? { outcome: words.outcome, video: words.video, durationSeconds: seconds }
    : { outcome: words.outcome, video: words.video };
}
