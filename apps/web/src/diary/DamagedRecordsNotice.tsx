import type { RecordKind } from '../data/record-types';
import { useDiary } from './use-diary-data';

/**
 * Says so when records of these kinds (all kinds if none given) could not be read: they are
 * left out of the list, the rest still open, and the person is told what to do. Never a blank
 * screen, never a hidden loss.
 */
export function DamagedRecordsNotice(props: { kinds?: readonly RecordKind[] }) {
  const { unreadable } = useDiary();
  const count = unreadable.filter(
    (r) => props.kinds === undefined || (props.kinds as readonly string[]).includes(r.kind),
  ).length;
  if (count === 0) return null;
  return (
    <div className="notice" role="status">
      <p>
        <strong>
          {count === 1 ? '1 record could not be read.' : `${count} records could not be read.`}
        </strong>{' '}
        The rest of your casebook is fine. Use Verify casebook on the Audit log screen to see which,
        and restore from a backup if you have one.
      </p>
    </div>
  );
}
