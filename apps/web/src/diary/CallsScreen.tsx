import { CallIdSchema, type CallRecord, instantOf, newId } from '@casebook/core';
import { type FormEvent, useMemo, useState } from 'react';
import { Alert, Checkbox, Radios, Select, TextArea, TextField } from '../components/Fields';
import { PageHeading } from '../components/PageHeading';
import { ShowMoreButton, useShowMore } from '../components/ShowMore';
import { notSavedText } from '../data/save-problem';
import { useDrafts } from '../drafts/use-drafts';
import { useFormDraft } from '../drafts/use-form-draft';
import { compact } from './compact';
import { DamagedRecordsNotice } from './DamagedRecordsNotice';
import { Details } from './Details';
import { fromInputValue, nowInputValue, optional, toInputValue } from './format';
import { describeCall, personName } from './labels';
import { newestFirst } from './newest-first';
import { browserRandom, browserZone } from './ports';
import { RecordActions, TombstoneCard } from './RecordCardParts';
import type { Navigate } from './routes';
import { useDiary } from './use-diary-data';

const ANSWERED = [
  { id: 'answered', label: 'Answered' },
  { id: 'missed', label: 'Missed (not answered)' },
];

/** "Write down details of calls received, even unanswered": a quick call log. */
export function CallsScreen(props: { navigate: Navigate }) {
  const diary = useDiary();
  const drafts = useDrafts();
  // A kept draft of an edit carries on as that edit.
  const [editing, setEditing] = useState<CallRecord | undefined>(() => {
    const target = drafts.kept.find((d) => d.body.form === 'call' && d.body.target)?.body.target;
    const record = diary.lists.call.find((r) => r.id === target);
    return record?.state === 'live' ? record.body : undefined;
  });
  const [deleting, setDeleting] = useState<string | undefined>();
  const [formKey, setFormKey] = useState(0);
  const [flash, setFlash] = useState<string | undefined>();
  const [shown, showMore] = useShowMore();

  const calls = useMemo(
    () => newestFirst(diary.lists.call, (body) => instantOf(body.time).getTime()),
    [diary.lists.call],
  );

  return (
    <>
      <PageHeading>Calls</PageHeading>
      <DamagedRecordsNotice kinds={['call']} />
      {diary.loaded.has('call') ? null : <p role="status">Opening your calls…</p>}
      <p>Note every call, even the ones you did not answer.</p>
      {flash ? (
        <p className="success" role="status">
          {flash}
        </p>
      ) : null}
      <CallForm
        key={editing ? `edit-${editing.id}` : `new-${formKey}`}
        initial={editing}
        onSaved={(message) => {
          setEditing(undefined);
          setFormKey((k) => k + 1);
          setFlash(message);
        }}
        onCancel={editing ? () => setEditing(undefined) : undefined}
      />
      <h2>Calls logged</h2>
      {calls.length === 0 ? <p>No calls logged yet.</p> : null}
      <ul className="card-list" aria-label="Calls logged">
        {calls.slice(0, shown).map((r) =>
          r.state === 'live' ? (
            <li key={r.id} className="card">
              <Details lines={describeCall(r.body, diary.peopleById)} />
              <RecordActions
                noun="call"
                deleting={deleting === r.id}
                onEdit={() => setEditing(r.body)}
                onHistory={() => props.navigate({ name: 'history', kind: 'call', id: r.id })}
                onStartDelete={() => setDeleting(r.id)}
                onCancelDelete={() => setDeleting(undefined)}
                onDelete={async (reason) => {
                  await diary.remove('call', r.id, reason);
                  setDeleting(undefined);
                }}
              />
            </li>
          ) : (
            <TombstoneCard key={r.id} noun="call" record={r} />
          ),
        )}
      </ul>
      <ShowMoreButton total={calls.length} shown={shown} onMore={showMore} />
    </>
  );
}

function CallForm(props: {
  initial: CallRecord | undefined;
  onSaved(message: string): void;
  onCancel: (() => void) | undefined;
}) {
  const diary = useDiary();
  const init = props.initial;
  const kept = useFormDraft({
    form: 'call',
    target: init?.id,
    noun: 'call',
    initial: () => ({
      time: init ? toInputValue(init.time) : nowInputValue(),
      number: init?.number ?? '',
      withheld: init?.withheld ?? false,
      // Nothing chosen until the person says: an unchosen answer is never saved as "missed".
      answered: init ? (init.answered ? 'answered' : 'missed') : '',
      minutes:
        init?.durationSeconds !== undefined ? String(Math.floor(init.durationSeconds / 60)) : '',
      seconds: init?.durationSeconds !== undefined ? String(init.durationSeconds % 60) : '',
      said: init?.whatWasSaid ?? '',
      personId: init?.personId ?? '',
    }),
  });
  const { time, number, withheld, answered, minutes, seconds, said, personId } = kept.values;
  const field =
    <K extends keyof typeof kept.values>(key: K) =>
    (value: (typeof kept.values)[K]) =>
      kept.setValues((v) => ({ ...v, [key]: value }));
  const setTime = field('time');
  const setNumber = field('number');
  const setWithheld = field('withheld');
  const setAnswered = field('answered');
  const setMinutes = field('minutes');
  const setSeconds = field('seconds');
  const setSaid = field('said');
  const setPersonId = field('personId');
  const people = diary.lists.person
    .filter((r) => r.state === 'live')
    .map((r) => ({ id: r.id, label: personName(diary.peopleById.get(r.id)) }));
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const when = fromInputValue(time, init?.time.zone ?? browserZone());
    if (!when) {
      setError('Enter the date and time of the call.');
      return;
    }
    if (!withheld && !number.trim()) {
      setError('Enter the number that called, or tick "Number withheld".');
      return;
    }
    if (answered === '') {
      setError('Choose whether you answered the call or missed it.');
      return;
    }
    const m = minutes.trim() ? Number(minutes) : 0;
    const s = seconds.trim() ? Number(seconds) : 0;
    if (!Number.isInteger(m) || !Number.isInteger(s) || m < 0 || s < 0) {
      setError('Enter the length of the call in whole minutes and seconds.');
      return;
    }
    const call = compact<CallRecord>({
      schema: 1,
      id: (init?.id ?? newId(CallIdSchema, browserRandom)) as CallRecord['id'],
      time: when,
      number: withheld ? undefined : optional(number),
      withheld,
      answered: answered === 'answered',
      durationSeconds: minutes.trim() || seconds.trim() ? m * 60 + s : undefined,
      whatWasSaid: optional(said),
      personId: (personId || undefined) as CallRecord['personId'],
    });
    setSaving(true);
    try {
      await diary.save('call', call.id, call);
      void kept.saved();
      props.onSaved(init ? 'Call updated.' : 'Call saved.');
    } catch (e) {
      setError(notSavedText('call', e));
      setSaving(false);
    }
  };

  return (
    <form className="card" autoComplete="off" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{init ? 'Edit call' : 'Log a call'}</h2>
      {error ? <Alert>{error}</Alert> : null}
      <div className="inline-fields">
        <TextField label="Time of call" type="datetime-local" value={time} onChange={setTime} />
        <TextField
          label="Number"
          type="tel"
          inputMode="tel"
          value={withheld ? '' : number}
          onChange={setNumber}
        />
      </div>
      <Checkbox label="Number withheld" checked={withheld} onChange={setWithheld} />
      <Radios label="Did you answer?" value={answered} onChange={setAnswered} options={ANSWERED} />
      <fieldset>
        <legend>Length of call</legend>
        <div className="inline-fields">
          <TextField
            label="Minutes"
            type="number"
            inputMode="numeric"
            min="0"
            value={minutes}
            onChange={setMinutes}
          />
          <TextField
            label="Seconds"
            type="number"
            inputMode="numeric"
            min="0"
            max="59"
            value={seconds}
            onChange={setSeconds}
          />
        </div>
      </fieldset>
      <TextArea label="What was said" value={said} onChange={setSaid} rows={3} />
      {people.length > 0 ? (
        <Select
          label="Who it was, if you know"
          value={personId}
          onChange={setPersonId}
          options={people}
          empty="Not known"
        />
      ) : null}
      <div className="button-row">
        <button type="submit" className="button" disabled={saving}>
          Save call
        </button>
        {props.onCancel ? (
          <button
            type="button"
            className="button quiet"
            onClick={() => {
              const cancel = props.onCancel;
              if (cancel) kept.leave(cancel);
            }}
          >
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
