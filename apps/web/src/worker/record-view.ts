import type { RecordState } from '@casebook/vault';
import type { RecordKind, RecordView } from '../data/record-types';
import { parseBody } from '../data/schemas';

/** A stored revision as the UI sees it, its body checked against the core schema. */
export function view(state: RecordState): RecordView {
  const kind = state.kind as RecordKind;
  const common = { kind, id: state.id, rev: state.rev, at: state.at };
  if (state.deleted) return { ...common, state: 'deleted', reason: state.reason };
  const parsed = parseBody(kind, state.body);
  return parsed.ok
    ? { ...common, state: 'live', body: parsed.value }
    : { ...common, state: 'unreadable', problem: parsed.message };
}
