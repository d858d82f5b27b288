/**
 * @casebook/core — the pure domain of Casebook: ids, taxonomies, record schemas,
 * migrations, canonical JSON and demo data. No I/O; time and randomness come in as ports.
 */

export * from './analysis/index';
export * from './canonical-json';
export * from './demo/build-demo-casebook';
export { createPrng, type Prng, prngRandom } from './demo/prng';
export * from './guidance/index';
export * from './ids';
export * from './import/known-import-keys';
export * from './import/plan-import';
export * from './migrations';
export * from './ports';
export * from './quick-incident';
export * from './record-migrations';
export * from './records/call-record';
export * from './records/coordinates';
export * from './records/evidence-item';
export * from './records/imported-record';
export * from './records/incident';
export * from './records/message';
export * from './records/person';
export * from './records/physical-item';
export * from './records/text';
export * from './records/to-zoned-date-time';
export * from './records/vehicle';
export * from './records/zoned-time';
export * from './taxonomy/behaviours';
export * from './taxonomy/channels';
export * from './taxonomy/people';
export * from './taxonomy/place-types';
export * from './taxonomy/police-contact';
export * from './taxonomy/seed-sources';
export * from './taxonomy/taxonomy-entry';
export * from './validate';
