export * from './help-directory';
export * from './risk-checklist';
export * from './safety-plan';
