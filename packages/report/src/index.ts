/**
 * @casebook/report — the account for police and court: a frozen snapshot of the case built from
 * core records, redaction of a copy, and renderers (PDF, CSV, JSON; the bundle). No I/O.
 */
export * from './bundle/index';
export * from './csv';
export * from './field-text';
export * from './harassment-act';
export * from './json';
export { type PdfFonts, type RenderPdfOptions, renderPdf } from './pdf/render-pdf';
export * from './redaction';
export { buildSnapshot, incidentNumbers } from './snapshot';
export type * from './snapshot-input';
export type * from './snapshot-types';
export * from './text-value';
export * from './time-text';
