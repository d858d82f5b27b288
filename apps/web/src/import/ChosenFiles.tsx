import { Radios } from '../components/Fields';
import type { DateOrderChoice } from '../worker/import-types';
import type { ChosenFile } from './use-import';

const count = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** What was found in each chosen file, the date-order question where one cannot tell, and Remove. */
export function ChosenFiles(props: {
  files: readonly ChosenFile[];
  disabled: boolean;
  onDateOrder(key: number, order: DateOrderChoice): void;
  onRemove(key: number): void;
}) {
  if (props.files.length === 0) return null;
  return (
    <ul className="import-files" aria-label="Files chosen">
      {props.files.map((f) => (
        <li key={f.key} className="import-file">
          <p className="import-file-name">{f.file.name}</p>
          {f.status === 'reading' ? <p role="status">Reading the file…</p> : null}
          {f.status === 'read' ? (
            <>
              <p>{f.found.summary}</p>
              <p className="hint">
                {f.found.alreadyThere === 0
                  ? `${count(f.found.fresh, 'message or call', 'messages and calls')} to add.`
                  : f.found.fresh === 0
                    ? 'Everything in it is in your casebook already: importing it again adds nothing.'
                    : `${count(f.found.fresh, 'message or call is', 'messages and calls are')} new; ${count(f.found.alreadyThere, 'is', 'are')} in your casebook already and will not be added twice.`}
              </p>
            </>
          ) : null}
          {f.status === 'problem' ? (
            <p className="alert" role="alert">
              {f.message} Check that it is the file the app exported, then choose it again.
            </p>
          ) : null}
          {f.status === 'date-order' ? (
            <Radios
              label={`${f.message} Which is right?`}
              hint="Pick the reading that matches a date you remember."
              value=""
              onChange={(v) => props.onDateOrder(f.key, v as DateOrderChoice)}
              options={[
                {
                  id: 'day-first',
                  label: `Day first (${f.samples.map((s) => `${s.raw} is ${s.dayFirst}`).join('; ')})`,
                },
                {
                  id: 'month-first',
                  label: `Month first (${f.samples.map((s) => `${s.raw} is ${s.monthFirst}`).join('; ')})`,
                },
              ]}
            />
          ) : null}
          <div className="button-row">
            <button
              type="button"
              className="button quiet"
              disabled={props.disabled}
              onClick={() => props.onRemove(f.key)}
            >
              Remove {f.file.name}
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
