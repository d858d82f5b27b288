import {
  RISK_ASSESSMENT_SCHEMA_VERSION,
  type RiskAssessment,
  RiskAssessmentSchema,
} from './guidance/risk-checklist';
import {
  SAFETY_PLAN_SCHEMA_VERSION,
  type SafetyPlan,
  SafetyPlanSchema,
} from './guidance/safety-plan';
import { createMigration } from './migrations';
import type { Result } from './ports';
import {
  CALL_RECORD_SCHEMA_VERSION,
  type CallRecord,
  CallRecordSchema,
} from './records/call-record';
import {
  EVIDENCE_ITEM_SCHEMA_VERSION,
  type EvidenceItem,
  EvidenceItemSchema,
} from './records/evidence-item';
import {
  IMPORTED_CALL_RECORD_SCHEMA_VERSION,
  IMPORTED_MESSAGE_RECORD_SCHEMA_VERSION,
  type ImportedCallRecord,
  ImportedCallRecordSchema,
  type ImportedMessageRecord,
  ImportedMessageRecordSchema,
} from './records/imported-record';
import { INCIDENT_SCHEMA_VERSION, type Incident, IncidentSchema } from './records/incident';
import { PERSON_SCHEMA_VERSION, type Person, PersonSchema } from './records/person';
import {
  PHYSICAL_ITEM_SCHEMA_VERSION,
  type PhysicalItem,
  PhysicalItemSchema,
} from './records/physical-item';

/** The record kinds core defines, and the type each migrates to. */
export interface RecordTypes {
  incident: Incident;
  person: Person;
  call: CallRecord;
  item: PhysicalItem;
  evidence: EvidenceItem;
  /** One dated run through the risk checklist; each assessment is its own record. */
  risk: RiskAssessment;
  /** The person's safety plan: one record, updated as revisions. */
  'safety-plan': SafetyPlan;
  /** One message read from an export file (WhatsApp, SMS, email, ...), kept as it was. */
  'imported-message': ImportedMessageRecord;
  /** One call read from a call log or a chat export: part of the call log. */
  'imported-call': ImportedCallRecord;
}
export type RecordKind = keyof RecordTypes;

type Migrators = { readonly [K in RecordKind]: (value: unknown) => Result<RecordTypes[K]> };

// Production chains. Append a step here (with a fixture of the old version) when a schema changes.
const MIGRATORS: Migrators = {
  incident: createMigration({
    kind: 'incident',
    current: INCIDENT_SCHEMA_VERSION,
    schema: IncidentSchema,
    steps: [],
  }),
  person: createMigration({
    kind: 'person',
    current: PERSON_SCHEMA_VERSION,
    schema: PersonSchema,
    steps: [],
  }),
  call: createMigration({
    kind: 'call',
    current: CALL_RECORD_SCHEMA_VERSION,
    schema: CallRecordSchema,
    steps: [],
  }),
  item: createMigration({
    kind: 'item',
    current: PHYSICAL_ITEM_SCHEMA_VERSION,
    schema: PhysicalItemSchema,
    steps: [],
  }),
  evidence: createMigration({
    kind: 'evidence',
    current: EVIDENCE_ITEM_SCHEMA_VERSION,
    schema: EvidenceItemSchema,
    steps: [],
  }),
  risk: createMigration({
    kind: 'risk assessment',
    current: RISK_ASSESSMENT_SCHEMA_VERSION,
    schema: RiskAssessmentSchema,
    steps: [],
  }),
  'safety-plan': createMigration({
    kind: 'safety plan',
    current: SAFETY_PLAN_SCHEMA_VERSION,
    schema: SafetyPlanSchema,
    steps: [],
  }),
  'imported-message': createMigration({
    kind: 'imported message',
    current: IMPORTED_MESSAGE_RECORD_SCHEMA_VERSION,
    schema: ImportedMessageRecordSchema,
    steps: [],
  }),
  'imported-call': createMigration({
    kind: 'imported call',
    current: IMPORTED_CALL_RECORD_SCHEMA_VERSION,
    schema: ImportedCallRecordSchema,
    steps: [],
  }),
};

/** Brings a stored record of `kind` up to the current version and validates it. */
export function migrate<K extends RecordKind>(kind: K, value: unknown): Result<RecordTypes[K]> {
  return MIGRATORS[kind](value);
}
