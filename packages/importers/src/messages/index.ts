/** Parsers of exported chats, messages, calls and email: bytes in, ImportedMessage/ImportedCall out. */
export * from './decode-text';
export * from './import-problem';
export * from './parse-whatsapp';
export type { DateOrder, DateOrderSample } from './whatsapp-header';
export * from './whatsapp-zip';
