export {};
export * from './bundle/index';
