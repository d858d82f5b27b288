/** Parsers of exported chats, messages, calls and email: bytes in, ImportedMessage/ImportedCall out. */
export * from './decode-text';
export * from './describe-export';
export * from './email';
export * from './email-date';
export * from './import-problem';
export * from './mbox';
export * from './meta-messages';
export * from './mojibake';
export * from './parse-whatsapp';
export * from './phone-number';
export * from './propose-incidents';
export * from './read-export';
export * from './sms-backup';
export * from './sniff-export';
export * from './surrogate-references';
export * from './telegram';
export type { DateOrder, DateOrderSample } from './whatsapp-header';
export * from './whatsapp-zip';
