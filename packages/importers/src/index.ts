/**
 * @casebook/importers — pure parsers from a file's bytes to Casebook values: metadata
 * (EXIF time, GPS, device), media type sniffing and exhibit references. No DOM, no Node APIs.
 */
export * from './exhibit-ref';
export * from './extract-metadata';
export * from './file-name-time';
export * from './media-types';
export * from './messages/index';
export * from './metadata-prefix';
export * from './notes';
export * from './sniff-type';
export * from './wall-clock';
