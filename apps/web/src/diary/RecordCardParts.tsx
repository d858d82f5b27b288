import type { RecordView } from '../data/record-types';
import { DeleteForm } from './DeleteForm';
import { formatInstant } from './format';

/**
 * The foot of a record's card: Edit, History and Delete, or the delete form (a reason is
 * asked for) while deleting. Calls and physical items share it.
 */
export function RecordActions(props: {
  /** What the record is called in button text: "call", "item". */
  noun: string;
  deleting: boolean;
  onEdit: () => void;
  onHistory: () => void;
  onStartDelete: () => void;
  onCancelDelete: () => void;
  onDelete: (reason: string) => Promise<void>;
}) {
  if (props.deleting) {
    return (
      <DeleteForm what={props.noun} onCancel={props.onCancelDelete} onDelete={props.onDelete} />
    );
  }
  return (
    <div className="button-row">
      <button type="button" className="button secondary" onClick={props.onEdit}>
        Edit {props.noun}
      </button>
      <button type="button" className="button quiet" onClick={props.onHistory}>
        History
      </button>
      <button type="button" className="button quiet" onClick={props.onStartDelete}>
        Delete {props.noun}
      </button>
    </div>
  );
}

/** A deleted (or unreadable) record's card: what it was, when, and the reason given. */
export function TombstoneCard(props: { noun: string; record: RecordView<unknown> }) {
  const { record } = props;
  return (
    <li className="card tombstone">
      <p className="card-meta">
        Deleted {props.noun} · {formatInstant(record.at)}
      </p>
      <p className="card-text">
        {record.state === 'deleted' ? `Reason: ${record.reason}` : 'Could not be read.'}
      </p>
    </li>
  );
}
