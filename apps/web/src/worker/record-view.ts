import type { RecordState } from '@casebook/vault';
import type { RecordKind, RecordView } from '../data/record-types';
import { parseBody } from '../data/schemas';

// The vault hands back the same RecordState object for a revision until it changes (its
// record cache), so each revision is checked against the schema once, not on every listing:
// Pattern's analysis after a save lists all 10,000 incidents again, and checking every body
// anew cost ~300 ms of the vault worker, which a quick second save then queued behind.
const checked = new WeakMap<RecordState, RecordView>();

/** A stored revision as the UI sees it, its body checked against the core schema. */
export function view(state: RecordState): RecordView {
  const known = checked.get(state);
  if (known !== undefined) return known;
  const made = viewOf(state);
  checked.set(state, made);
  return made;
}

function viewOf(state: RecordState): RecordView {
  const kind = state.kind as RecordKind;
  const common = { kind, id: state.id, rev: state.rev, at: state.at };
  if (state.deleted) return { ...common, state: 'deleted', reason: state.reason };
  const parsed = parseBody(kind, state.body);
  return parsed.ok
    ? { ...common, state: 'live', body: parsed.value }
    : { ...common, state: 'unreadable', problem: parsed.message };
}
